# The model's case of a loop that calls functions (testsuite/tests/model.rs): `relax` runs
# only inside the loop (its statements count in the loop's profile), `norm` both inside and
# before it (its statements count in no loop). Their `if`s keep them functions (a
# straight-line function would be inlined into its callers).
import argparse

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("--n", type=int, default=200)
parser.add_argument("--iters", type=int, default=4)
args = parser.parse_args()


def relax(u):
    if u.shape[0] < 3:
        return u
    return 0.25 * (u[:-2, 1:-1] + u[2:, 1:-1] + u[1:-1, :-2] + u[1:-1, 2:])


def norm(v):
    if v.size == 0:
        return 0.0
    return np.sqrt(np.sum(v * v))


grid = np.zeros((args.n + 2, args.n + 2))
grid[0, :] = 1.0
first = norm(grid)
for it in range(args.iters):
    grid[1:-1, 1:-1] = relax(grid)
    last = norm(grid)
print(first, last)
