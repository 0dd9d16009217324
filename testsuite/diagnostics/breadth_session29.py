# Located errors of session 29's additions, all reported in one compile: np.block with
# mismatched depths, a bitwise reduction of floats, np.divide.at (no .at method), the 2-norm of
# a complex matrix, reduceat with float indices, a comprehension of more than 64 items
# outside a NumPy call.
import numpy as np

A = np.eye(2)
Z = A * (1 + 1j)
print(np.block([[A, A], A]))
print(np.bitwise_xor.reduce(np.arange(4.0)))
np.divide.at(A, [0, 1], 2.0)
print(np.linalg.norm(Z, 2))
print(np.add.reduceat(np.arange(4.0), np.array([0.0, 2.0])))
many = [k * 2 for k in range(65)]
print(many)
