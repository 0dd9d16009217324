import numpy as np

a = np.array([3.0, 1.0, 2.0])
print(np.sort(a, kind="bogus"))
print(np.argsort(a, order="x"))
a.sort(axis=None)
print(np.cumsum(a, out=a))
print(np.sort(a, axis=1))
