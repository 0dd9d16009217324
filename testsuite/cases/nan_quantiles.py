# np.nanmedian, np.nanpercentile and np.nanquantile (axis=None and axis=int, negative
# axes, a list of quantiles, int, float32 and 3-D operands): NumPy's quantile of each
# slice's values that are not NaN, NaN for an all-NaN slice (NumPy warns) and for an
# empty array; rows split over ranks.
import numpy as np

nan = np.nan
a = np.array([3.0, nan, 1.0, 7.0, nan, 2.5, -4.0])
print(np.nanmedian(a), np.nanpercentile(a, 30), np.nanquantile(a, 0.75), np.nanquantile(a, [0.0, 0.5, 1.0]))
print(np.nanpercentile(a, (10, 90)), np.nanmedian(a[:1]), np.nanmedian(a[1:2]))
b = np.array([[1.0, nan, 3.0, 4.0], [nan, nan, nan, nan], [5.0, 2.0, nan, 8.0], [0.5, 0.25, 9.0, -1.0]])
print(np.nanmedian(b), np.nanmedian(b, axis=0), np.nanmedian(b, axis=1), np.nanmedian(b, axis=-1))
print(np.nanpercentile(b, 40, axis=0), np.nanpercentile(b, 40, axis=1), np.nanquantile(b, 0.9))
print(np.nanquantile(b, [0.1, 0.6], axis=1), np.nanpercentile(b, q=100, axis=0))
print(np.nanmedian(np.array([nan, nan])), np.nanquantile(np.array([nan]), 0.5))
i = np.arange(12).reshape(3, 4) * 7 % 5
print(np.nanmedian(i), np.nanmedian(i, axis=0), np.nanpercentile(i, 25, axis=1), np.nanquantile(i, 0.5))
f = np.array([[1.5, nan, 2.25], [nan, 4.0, 0.125]], dtype=np.float32)
print(np.nanmedian(f), np.nanmedian(f, axis=0), np.nanquantile(f, 0.3, axis=1), np.nanmedian(f).dtype)
print(np.nanmedian(np.zeros((0, 3)), axis=0), np.nanmedian(np.zeros((3, 0)), axis=0), np.nanmedian(np.zeros(0)))
c = np.arange(60.0).reshape(3, 4, 5)
c[1, 2, :] = nan
c[0, :, 3] = nan
print(np.nanmedian(c, axis=1), np.nanquantile(c, 0.35, axis=2), np.nanpercentile(c, 50, axis=0))
print(np.nanmedian(np.array([np.inf, -np.inf, nan])), np.nanmedian(5.0), np.nanmedian(np.array([True, False, True])))

# Larger data split over ranks: a fifth of the values NaN, whole rows of NaN.
rng = np.random.default_rng(11)
x = rng.standard_normal((203, 17))
x[rng.random((203, 17)) < 0.2] = nan
x[5, :] = nan
x[150, :] = nan
m0 = np.nanmedian(x, axis=0)
m1 = np.nanmedian(x, axis=1)
print(np.nanmedian(x), m0[:5], m1[:7], m1[150], np.isnan(m1).sum(), m1[~np.isnan(m1)].sum())
q1 = np.nanpercentile(x, 87.5, axis=1)
print(q1[:5], q1[200:], np.nansum(q1), np.nanquantile(x, 0.05), np.nanquantile(x, [0.25, 0.75], axis=0)[:, :3])
for ax in range(2):
    r = np.nanmedian(x, axis=ax)
    print(ax, r.shape, np.nanmax(r), np.nanmin(r))
