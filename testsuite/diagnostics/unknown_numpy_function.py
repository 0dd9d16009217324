# np.einsum is not among the supported NumPy functions.
import numpy as np

A = np.ones((3, 3))
B = np.eye(3)
C = np.einsum("ij,jk->ik", A, B)
print(C)
