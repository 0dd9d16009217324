# exit: 1
# An index of ufunc.reduceat outside the axis is NumPy's IndexError at run time.
import numpy as np

a = np.arange(8.0)
print(np.add.reduceat(a, [0, 4]))
ends = np.array([0, 3, len(a)])
print(np.maximum.reduceat(a, ends))
