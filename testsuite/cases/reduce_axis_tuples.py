# whitespace: exact
# rtol: 1e-13
# Reductions over a tuple of axes (every axis, some, negative ones) with and without
# keepdims: sums, means, maxima, minima, products, any and all, of floats and integers.
import numpy as np

n = 6
a = np.arange(float(n))[:, None, None] * 0.5 + np.arange(3.0)[None, :, None] - np.arange(4.0) * 0.25
i = np.arange(n)[:, None] * 10 + np.arange(4)
print(np.sum(a, axis=(0, 1)), a.sum(axis=(1, 2)), np.sum(a, axis=(0, 1, 2)))
print(np.mean(a, axis=(0, 2)), a.mean(axis=(-1, -3), keepdims=True).shape)
print(np.max(a, axis=(0, 2)), np.min(a, axis=(1, 2), keepdims=True).ravel())
print(np.sum(i, axis=(0, 1)), i.max(axis=(1, 0)), np.prod(i[:2, :2] + 1, axis=(0, 1)))
print(np.any(a > 2.5, axis=(0, 1)), np.all(i >= 0, axis=(0, 1)))
print(np.sum(a, axis=(0, 1), keepdims=True).shape, np.sum(i, axis=(0, 1), keepdims=True))
print(a - a.mean(axis=(1, 2), keepdims=True))
print(np.mean(i, axis=(0,)), np.sum(i, axis=(1,)))
