# exit: 1
# stderr: exception
# int() of a NaN raises CPython's ValueError, also for a NumPy float.
import numpy as np

x = float("nan")
print(int(np.float64(2.5)), int(np.float32(-3.5)))
print(int(np.float64(x)))
print("not reached")
