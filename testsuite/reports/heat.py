# Heat diffusion on a square plate: a 5-point stencil written with five views of one grid.
# Compile with `legatec examples/heat.py -o heat`; the same file runs under python3.
import numpy as np

N = 200
I = 50

grid = np.zeros((N + 2, N + 2))
grid[:, 0] = -273.15
grid[:, -1] = -273.15
grid[-1, :] = -273.15
grid[0, :] = 40.0

center = grid[1:-1, 1:-1]
north = grid[0:-2, 1:-1]
east = grid[1:-1, 2:]
west = grid[1:-1, 0:-2]
south = grid[2:, 1:-1]

for i in range(I):
    average = center + north + east + west + south
    work = 0.2 * average
    delta = np.sum(np.absolute(work - center))
    center[:] = work

print("iterations:", I)
print("final delta:", delta)
print("grid[1, 1] =", grid[1, 1])
print("grid[1, N // 2] =", grid[1, N // 2])
print("grid[N // 2, 1] =", grid[N // 2, 1])
print("mean temperature:", np.mean(center))
