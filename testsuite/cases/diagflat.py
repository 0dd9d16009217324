# np.diagflat: the diagonal matrix of the elements of a list or an array in order, offset k.
import numpy as np
print(np.diagflat([1, 2, 3]))
print(np.diagflat(np.arange(4.0).reshape(2, 2), k=1))
print(np.diagflat([[1.5], [2.5]], -1))
A = np.diagflat(np.full(3, 4.0)) - np.eye(3, k=1)
print(A @ np.ones(3))
