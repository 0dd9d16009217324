# args:
# args: 1 2 3
# Shapes of locals inside a function, from its parameters and from sizes computed in it.
# Each function has an `if`, which keeps it a function (straight-line ones are inlined).
import sys
import numpy as np


def smooth(n):
    if n < 0:
        print("negative")
    u = np.zeros(n + 2)  # shape: (n + 2,)
    inner = u[1:-1]  # shape: (n,)
    left = u[:-2]  # shape: (n,)
    total = inner + left  # shape: (n,)
    half = u[: n // 2]  # shape: (?,)
    return np.sum(total) + np.sum(half)


def edges(grid):
    if grid.ndim != 2:
        print("not a grid")
    top = grid[0, :]  # shape: (?,)
    return np.sum(top)


print(smooth(len(sys.argv)), edges(np.ones((3, 4))))
