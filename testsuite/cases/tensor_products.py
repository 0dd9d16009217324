# rtol: 1e-12
# np.tensordot (default axes, an int, two lists, 0 for the outer product), np.kron of
# vectors and matrices (mixed ranks), np.vdot, np.inner of N-D operands and a scalar.
import numpy as np

T = np.arange(24.0).reshape(2, 3, 4)
U = np.arange(60.0).reshape(3, 4, 5) / 7.0
print(np.tensordot(T, U))
print(np.tensordot(T, np.ones((4, 2)), axes=1).shape)
print(np.tensordot(T, U, axes=([1, 2], [0, 1])))
print(np.tensordot(T, U, axes=([1], [0])).shape)
print(np.tensordot(np.ones((2, 3)), np.ones((3, 2)), axes=([1, 0], [0, 1])))
print(np.tensordot(np.arange(3.0), np.arange(4.0), axes=0))
print(np.kron(np.arange(3), np.arange(2)))
print(np.kron(np.eye(2), np.arange(6.0).reshape(2, 3)))
print(np.kron(np.arange(2.0), np.ones((2, 2))))
print(np.vdot(np.arange(4.0).reshape(2, 2), np.arange(4.0)))
print(np.inner(np.arange(6.0).reshape(2, 3), np.arange(12.0).reshape(4, 3)))
print(np.inner(np.arange(3.0), np.arange(3.0)), np.inner(T, np.ones(4)))
print(np.inner(2.0, np.arange(3.0)))
