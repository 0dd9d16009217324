# exit: 1
# stderr: exception
# np.mean takes its axis through a Python int: outside a C int, OverflowError.
import numpy as np
base = np.arange(6.0)
n = -(2**40)
print(base.sum(0))
print(np.mean(base, axis=n))
