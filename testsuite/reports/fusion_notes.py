# The report's fusion section: a stencil whose new array is only copied back is stored
# directly (its reduction fused too); the same loop where the new array is printed
# afterwards keeps its array and says why.
import numpy as np

grid = np.zeros((66, 50))
grid[0, :] = 10.0
center = grid[1:-1, 1:-1]
north = grid[:-2, 1:-1]
south = grid[2:, 1:-1]
for step in range(5):
    work = 0.25 * (center + north + south + center)
    delta = np.sum(np.absolute(work - center))
    center[:] = work
print(delta)
for step in range(3):
    kept = 0.5 * (north + south)
    center[:] = kept
print(np.sum(kept), np.sum(grid))
