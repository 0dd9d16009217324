# sys.exit() and sys.exit(0) end the program as its end does (status 0); a loop left early.
import sys
import numpy as np

total = 0.0
for k in range(10):
    total += np.sqrt(k)
    if k == 4:
        print(f"{total:.6f}")
        if len(sys.argv) > 5:
            sys.exit(0)
        sys.exit()
print("not reached")
