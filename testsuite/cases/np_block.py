# np.block: nested lists of arrays and scalars joined from the innermost lists out (pieces
# promoted to the result's rank), complex blocks too.
import numpy as np
A = np.arange(4.0).reshape(2, 2)
B = np.eye(2)
C = np.zeros((1, 2))
print(np.block([[A, B], [B, A]]))
print(np.block([[A], [C]]), np.block([1.0, np.arange(3.0), 2.0]))
print(np.block([np.arange(2), np.arange(3)]), np.block([[1, 2], [3, 4]]))
Z = np.arange(4).reshape(2, 2) * (1 + 1j)
print(np.block([[Z, -Z], [Z.conj(), Z]]).shape)
T = np.ones((2, 2, 2))
print(np.block([[T, T]]).shape, np.block([[[T]]]).shape)
