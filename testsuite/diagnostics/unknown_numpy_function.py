# np.roots is not among the supported NumPy functions.
import numpy as np

x = np.arange(5.0)
y = 2.0 * x + 1.0
c = np.roots(y)
print(c)
