# rtol: 1e-12
# np.fromfunction of a straight-line `def` (inlined on the coordinates, as a lambda is).
import numpy as np
def init(i, j):
    v = (i * (j + 1)) % 7
    return v / 7.0
A = np.fromfunction(init, (4, 5))
print(A)
def spd(i, j):
    return 1.0 / (1.0 + abs(i - j)) + (i == j) * 4.0
B = np.fromfunction(spd, (4, 4))
print(np.linalg.cholesky(B))
