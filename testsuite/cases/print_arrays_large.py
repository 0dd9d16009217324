# whitespace: exact
# Arrays with more than 1000 elements are summarised with "..." by NumPy.
import numpy as np

a = np.arange(2000)
print(a)
b = np.arange(1500) * 0.5
print(b)
M = np.zeros((40, 40))
for i in range(40):
    M[i, :] = np.arange(40) + i * 100
print(M)
c = np.ones(1001, dtype=bool)
print(c)
d = np.arange(1000)
print(d[::100])
T = np.zeros((12, 10, 10), dtype=np.int32)
print(T)
