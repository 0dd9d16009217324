# rtol: 1e-12
# N-D products: stacks of matrices under @ and np.matmul (batch axes broadcast, 1-D
# operands on either side, a transposed stack, ints, float32) and np.dot's N-D rule.
import numpy as np

A = np.arange(24.0).reshape(2, 3, 4)
B = np.arange(40.0).reshape(2, 4, 5) / 7.0
print(A @ B)
print(np.matmul(A, B[0]))
M = np.arange(12.0).reshape(4, 3)
print(M @ A)
v = np.arange(4.0)
print(A @ v)
w = np.arange(3.0)
print(w @ A)
C = np.ones((3, 1, 4, 2))
print((A @ C).shape, (A @ C)[2, 1])
print(np.dot(A, B[1]).shape, np.dot(A, B[1]))
print(np.dot(A, np.arange(60.0).reshape(3, 4, 5)).shape)
print(np.dot(A, v))
I = np.arange(24).reshape(2, 3, 4)
J = np.arange(8).reshape(4, 2)
print(I @ J, np.dot(I, J).sum())
F = A.astype(np.float32)
print((F @ B.astype(np.float32)).dtype)
print(np.matmul(A.transpose(0, 2, 1), A)[1])
