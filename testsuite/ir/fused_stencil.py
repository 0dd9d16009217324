# One statement that must become a single fused kernel over the interior of the grid.
import numpy as np

n = 16
grid = np.zeros((n + 2, n + 2))
grid[0, :] = 1.0
work = np.zeros((n, n))
work[:] = 0.2 * (grid[1:-1, 1:-1] + grid[0:-2, 1:-1] + grid[2:, 1:-1] + grid[1:-1, 0:-2] + grid[1:-1, 2:])
print(work[0, 0])
