# exit: 1
# stderr: exception
# A DataFrame of scalars only raises pandas' ValueError when the program reaches it (the
# compiler crashed on it; found by the fuzzer, seed 4242); what ran before is printed.
import sys

import pandas as pd

n = 3000
i = 0
print("before", n)
if len(sys.argv) > 5:
    print("never")
right = pd.DataFrame({"key": (i * 104729 + 5) % n, "b": i * 2})
print(right)
