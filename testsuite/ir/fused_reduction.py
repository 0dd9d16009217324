# The heat stencil's loop body: the stencil's store and the sum of |work - center| are one
# kernel (`fuse-reductions`: `center` is one of the store's operands), so each iteration
# passes over memory twice (the store with its reduction, then the copy back) instead of
# three times. The second loop's reduction reads `grid[1:-1, 1:-1]`, a view the store does
# not read: it stays a kernel of its own.
import numpy as np

grid = np.zeros((10, 10))
grid[0, :] = 1.0
center = grid[1:-1, 1:-1]
north = grid[0:-2, 1:-1]
south = grid[2:, 1:-1]
for i in range(5):
    work = 0.25 * (north + south + 2.0 * center)
    delta = np.sum(np.absolute(work - center))
    center[:] = work
for i in range(2):
    work = 0.25 * (north + south + 2.0 * center)
    delta = np.sum(np.absolute(work - grid[1:-1, 1:-1]))
    center[:] = work
print(delta)
