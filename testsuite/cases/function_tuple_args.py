# rtol: 1e-12
# User functions take tuples and lists: shapes (`a.shape`, literals, tuples built at run
# time), pairs of arrays (split over ranks), nested tuples unpacked in the callee, tuples
# holding strings, functions and None, lists, `len()` of a tuple parameter, a tuple passed
# on to another function, and calls in a loop with tuples built from the loop variable.
import numpy as np


def area(shape):
    h, w = shape
    return h * w


def weighted(arrays, scale):
    a, b = arrays
    return np.sum(a) * scale + np.sum(b), len(arrays)


def describe(pair, names):
    x, y = pair
    return names[0] + "=" + str(x) + ", " + names[1] + "=" + str(y)


def window_mean(grid, window):
    (r0, r1), (c0, c1) = window
    return grid[r0:r1, c0:c1].mean()


def apply_all(ops, x):
    f, g, nothing = ops
    if nothing is None:
        return f(g(x))
    return x


def blend(arrays, weights):
    return weights[0] * arrays[0] + weights[1] * arrays[1]


def passes_on(shape):
    return area(shape) + 1


grid = np.arange(120.0).reshape(12, 10)
print(area((3, 4)), area(grid.shape), area([2, 7]), passes_on(grid.shape))
print(weighted((grid, grid[2:] * 0.5), 0.25))
print(describe((1.5, 2), ("a", "b")))
print(window_mean(grid, ((1, 9), (2, 5))))
n = len(grid)
print(window_mean(grid, ((0, n - 1), (1, n - 4))))
print(apply_all((np.sqrt, np.abs, None), -16.0))
mixed = blend((grid, np.ones((12, 10))), [0.5, 2.0])
print(mixed[::5, ::3], np.sum(mixed))
for k in range(4):
    print(k, area((k, k + 1)), window_mean(grid, ((k, k + 2), (0, 10))))
