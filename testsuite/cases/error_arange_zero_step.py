# exit: 1
# stderr: exception
# args:
# args: 1
# args: 1 2
# np.arange with a zero step: NumPy divides by it first (Python's ZeroDivisionError, "float
# division" when any bound is a float); found by the fuzzer (it was an OverflowError).
import sys
import numpy as np

k = len(sys.argv)
print(np.arange(0, 4, k))
if k == 1:
    print(np.arange(0.0, 2.0, k - 1))
elif k == 2:
    print(np.arange(0, 2, k - 2, dtype=bool))
else:
    print(np.arange(0, 2, (k - 3) * 1.0))
