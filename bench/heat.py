# Benchmark: heat diffusion stencil, N = 2000, 100 iterations, float64.
# The last line is `elapsed: <seconds>` of the compute part only; bench/run.sh excludes it
# from the comparison of outputs.
import time
import numpy as np

N = 2000
I = 100

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

start = time.perf_counter()
for i in range(I):
    average = center + north + east + west + south
    work = 0.2 * average
    delta = np.sum(np.absolute(work - center))
    center[:] = work
elapsed = time.perf_counter() - start

print("delta:", delta)
print("elapsed:", elapsed)
