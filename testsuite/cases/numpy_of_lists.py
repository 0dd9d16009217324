# NumPy functions take lists and tuples written out or built when compiling as the array
# np.array makes of them (np.asarray): reductions, ufuncs, statistics, norms.
import numpy as np

rng = np.random.default_rng(3)
samples = [rng.random() for _ in range(6)]
print(np.mean(samples), np.std(samples), np.var(samples, ddof=1))
print(np.sum([1, 2, 3]), np.prod((2, 3, 4)), np.max([1.5, -2.0, 0.25]), np.min((4, 2, 7)))
print(np.argmax([3, 9, 1]), np.argmin([3.0, -1.0, 2.0]), np.any([0, 0, 1]), np.all([True, False]))
print(np.median([5.0, 1.0, 3.0, 2.0]), np.percentile([1, 2, 3, 4, 5], 40))
print(np.cumsum((1, 2, 3, 4)), np.cumprod([1.0, 2.0, 3.0]), np.diff([1, 4, 9, 16]))
print(np.sort([3, 1, 2]), np.argsort([0.3, 0.1, 0.2]), np.unique([3, 1, 3, 2, 1]))
print(np.sqrt([1.0, 4.0, 9.0]), np.exp((0.0, 1.0)), np.abs([-1, 2, -3]))
print(np.maximum([1, 5, 3], [4, 2, 6]), np.minimum((1.0, 5.0), 2.0), np.hypot([3.0], [4.0]))
print(np.clip([-1.0, 0.5, 2.0], 0.0, 1.0), np.round([1.234, 5.678], 1))
print(np.isclose([1.0, 2.0], [1.0, 2.1]), np.allclose((1.0, 2.0), [1.0, 2.0]))
print(np.linalg.norm([3.0, 4.0]), np.linalg.norm([[1.0, 2.0], [3.0, 4.0]]))
print(np.diag([1, 2, 3]))
print(np.interp([0.25, 0.5, 2.0], [0.0, 1.0], [0.0, 10.0]))
x = np.arange(6.0)
print(np.convolve(x, [1.0, 2.0, 1.0], mode="same"), np.dot([1.0, 2.0], [3.0, 4.0]))
a = np.arange(4.0)
b = np.ones(4)
print(np.max([a, 2 * b], axis=0), np.mean([a, b]), np.sum([a, b], axis=1))
print(np.max([a.sum(), b.sum()]), np.min([len(a), 2]))
lo, hi = 2.0, -1.0
print(np.mean((lo, hi)), np.sign([lo, hi]), np.isnan([lo, np.nan]))


def spread(xs):
    return np.max(xs) - np.min(xs)


print(spread([1.0, 7.5, 3.0]), spread((2, 9)))
