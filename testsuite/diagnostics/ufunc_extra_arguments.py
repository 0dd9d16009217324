# A ufunc called with more positional arguments than it takes (NumPy: TypeError) is a compile error,
# also when the call sits in a loop whose variables an earlier pass of the lowering could not type.
import numpy as np
n = 12
board = np.zeros((n, n), dtype=np.int64)
for gen in range(12):
    nb = np.zeros((n, n), dtype=np.int64)
    alive = board == 1
    born = (nb == 3) & ~alive
    survive = alive & ((nb == 2) | (nb == 3))
    board = np.exp(born | survive, 1, 0)
