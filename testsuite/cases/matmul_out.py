# rtol: 1e-12
# np.matmul(..., out=) and np.dot(a, b, out): the product stored into the given array
# (an operand too: read first), matrices and a matrix by a vector.
import numpy as np
A = np.arange(12.0).reshape(3, 4) / 5
B = np.arange(8.0).reshape(4, 2)
C = np.empty((3, 2))
r = np.matmul(A, B, out=C)
print(C, r is C if False else 0, r.sum())
S = np.zeros((3, 3))
np.matmul(A, A.T, out=S)
print(S)
D = np.ones((3, 3))
np.dot(A, A.T, D)
print(D)
M = np.arange(9.0).reshape(3, 3)
np.matmul(M, M, out=M)
print(M)
v = np.empty(3)
np.dot(A, np.ones(4), out=v)
print(v)
