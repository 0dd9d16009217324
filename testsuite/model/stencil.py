# The model's stencil case (testsuite/tests/model.rs): a 5-point average over the interior
# of a (rows + 2) x (cols + 2) grid, `iters` times, with a convergence sum.
import argparse

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("--rows", type=int, default=100)
parser.add_argument("--cols", type=int, default=100)
parser.add_argument("--iters", type=int, default=5)
args = parser.parse_args()

grid = np.zeros((args.rows + 2, args.cols + 2))
grid[0, :] = 1.0
center = grid[1:-1, 1:-1]
count = 0
while count < args.iters:
    count += 1
    work = 0.2 * (center + grid[0:-2, 1:-1] + grid[2:, 1:-1] + grid[1:-1, 0:-2] + grid[1:-1, 2:])
    if count % 2 == 0:
        delta = np.sum(work - center)
    center[:] = work
print(grid[1, 1])
