# rtol: 1e-12
# Statistics, searching and counting: median/percentile/quantile (NumPy's linear
# interpolation, along axes, NaN, float32), unique (inverse, counts, index, NaNs as one),
# searchsorted, digitize (both directions), bincount, histogram (counts, edges, weights,
# range, density), isin, interp, take, and broadcast_to, copyto, atleast_2d/3d, tri,
# ndarray, indices, array_equal.
import numpy as np

a = np.array([3.0, 1.0, 4.0, 1.5, 9.0, 2.6])
print(np.median(a), np.median(np.arange(5)), np.median(np.array([[1, 7], [3, 4]]), axis=0))
print(np.percentile(a, 30), np.percentile(a, 100), np.quantile(a, 0.25), np.quantile(a, 0.0))
m = np.arange(12.0).reshape(3, 4) ** 1.5
print(np.quantile(m, 0.7, axis=1), np.percentile(m, 40, axis=0), np.median(m, axis=1))
print(np.median(np.array([1.0, np.nan, 2.0])), np.quantile(np.arange(4, dtype=np.float32), 0.3))
print(np.unique(np.array([3, 1, 2, 3, 1])))
u, inv, cnt = np.unique(np.array([[3, 1], [2, 3]]), return_inverse=True, return_counts=True)
print(u, inv, cnt)
uv, ui = np.unique(np.array([2.0, 2.0, 1.0]), return_index=True)
print(np.unique(np.array([np.nan, 1.0, np.nan, 0.5])), uv, ui)
s = np.array([1.0, 2.0, 2.0, 5.0])
print(np.searchsorted(s, 2.0), np.searchsorted(s, 2.0, side="right"), np.searchsorted(s, np.array([0.0, 2.5, 9.0])))
print(np.searchsorted(np.arange(5), np.array([[1.5, 3.0]])))
print(np.digitize(np.array([0.5, 1.0, 1.5, 7.0]), np.array([0.0, 1.0, 2.0])), np.digitize(np.array([1.0, 5.0]), np.array([4.0, 2.0, 0.0])))
print(np.digitize(np.array([1.0, 2.0]), np.array([0.0, 1.0, 2.0]), right=True))
print(np.bincount(np.array([0, 1, 1, 3])), np.bincount(np.array([0, 2]), weights=np.array([1.5, 2.0])), np.bincount(np.array([1]), minlength=4))
hc, he = np.histogram(np.array([1, 2, 2, 3, 9]), bins=3)
print(hc, he)
hc, he = np.histogram(np.array([1.0, 2.0, 2.0]), bins=np.array([0.0, 1.5, 2.0, 3.0]))
print(hc, he)
hc, he = np.histogram(np.array([1, 2, 2, 3, 9]), bins=2, weights=np.array([1.0, 1.0, 1.0, 1.0, 2.5]))
print(hc, he)
hc, he = np.histogram(np.array([1, 2, 2, 3, 9]), bins=2, range=(0, 4))
print(hc, he)
h, e = np.histogram(np.linspace(0.0, 1.0, 101) ** 2, bins=7, density=True)
print(h, e)
print(np.isin(np.arange(6), np.array([1, 3, 9])), np.isin(np.arange(4).reshape(2, 2), [0, 3]))
print(np.interp(np.array([0.0, 1.5, 2.0, 2.5, 9.0]), np.array([1.0, 2.0, 3.0]), np.array([3.0, 2.0, 0.0])), np.interp(2.5, [1.0, 2.0, 3.0], [3.0, 2.0, 0.0]))
print(np.interp(np.array([0.0, 5.0]), np.array([1.0, 2.0]), np.array([1.0, 4.0]), left=-1.0, right=99.0))
t = np.arange(6).reshape(2, 3)
print(np.take(t, 4), np.take(t, np.array([0, 5])), np.take(t, np.array([2, 0]), axis=1), np.take(t, -1, axis=0))
print(np.broadcast_to(np.arange(3.0), (2, 3)))
d = np.zeros(3)
np.copyto(d, np.arange(3.0))
np.copyto(d, 2)
print(d, np.atleast_2d(np.ones(3)).shape, np.atleast_3d(np.ones((2, 3))).shape, np.atleast_3d(np.ones(3)).shape)
print(np.tri(3), np.tri(2, 4, k=1, dtype=np.int32))
print(np.ndarray((2, 2), dtype=np.float64).shape, np.indices((2, 3)))
print(np.array_equal(np.ones(3), np.ones(3)), np.array_equal(np.ones(3), np.ones(4)), np.array_equal(np.ones((2, 2)), np.ones(2)), np.array_equal(np.arange(3), np.array([0, 1, 3])))

# Integer weights give counts of the weights' dtype, by edges and by a count of bins alike.
xs = np.linspace(0.0, 1.0, 50) ** 2
ws = np.arange(50.0, dtype=np.int32) % 7
print(np.histogram(xs, bins=[0, 0.1, 0.5, 1.0], weights=ws))
print(np.histogram(xs, bins=4, weights=ws))
print(np.histogram(xs, bins=[0, 0.1, 0.5, 1.0], weights=ws.astype(np.float32)))
print(np.histogram(xs, bins=3, weights=ws.astype(np.int16)))
print(np.histogram(xs, bins=[0, 0.5, 1.0], weights=ws.astype(np.uint8)))
