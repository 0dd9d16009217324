# rtol: 1e-15
# np.add.at of 1-D float arrays (repeated and negative indices add up; a particle-in-cell
# deposit), float32 kept; the values are added one by one, as NumPy adds them.
import numpy as np
rho = np.zeros(8)
cells = np.array([1, 3, 3, 7, -1, 0, 3])
np.add.at(rho, cells, 0.5)
print(rho)
w = np.linspace(0.1, 0.7, 7)
np.add.at(rho, cells, w)
print(rho)
np.add.at(rho, [2, 2, 5], np.array([1.0, 2.0, 4.0]))
print(rho, rho.sum())
rng = np.random.default_rng(3)
pos = rng.random(1000) * 16.0
cell = pos.astype(np.int64)
frac = pos - cell
grid = np.zeros(17)
np.add.at(grid, cell, 1.0 - frac)
np.add.at(grid, cell + 1, frac)
print(grid.sum(), grid[:4])
g32 = np.zeros(4, dtype=np.float32)
np.add.at(g32, np.array([[0, 1], [1, 3]]), np.array([[1.5, 2.5], [0.25, 1.0]], dtype=np.float32))
print(g32)
