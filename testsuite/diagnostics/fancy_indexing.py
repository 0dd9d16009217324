import numpy as np

a = np.arange(12.0)
b = np.zeros((3, 4))
idx = np.array([0, 2])
print(b[b[:, 0] > 0.0, np.array([1, 3])])
c = np.zeros((3, 4, 2))
c[b > 1.0, 0] = 0.0
print(a[np.array([0.0, 1.0])])
print(a[b > 0])
print(a[True], a[np.array([1, 2])[0] > 1])
