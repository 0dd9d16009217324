# exit: 1
# stderr: exception
# env: COLUMNS=80
# Only the dtype of a series power is printed, but pandas computes the values, and an
# integer to a negative power is NumPy's ValueError (found by the fuzzer, seed 26).
import numpy as np
import pandas as pd

n = 6
df = pd.DataFrame({"a": (np.arange(n) * 7 % 11 - 5).astype(np.int8), "u": (np.arange(n) * 5).astype(np.uint8)})
print((df.a * 20).dtype, (df.u ** (df.a * 0 + 2)).dtype)
print((df.u ** df.a).dtype)
