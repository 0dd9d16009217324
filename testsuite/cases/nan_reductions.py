# rtol: 1e-13
# NaN-ignoring reductions (nansum, nanprod, nanmax, nanmin, nanmean: whole array, along
# an axis, keepdims; a slice of only NaN gives NaN for max/min/mean; ints hold no NaN),
# ndarray.fill, and np.logspace (base, endpoint, num); rows split over ranks.
import numpy as np

a = np.arange(24.0).reshape((6, 4)) / 3.0
a[1, 2] = np.nan
a[4, :] = np.nan
a[0, 0] = np.nan
print(np.nansum(a), np.nanprod(a[:2]), np.nanmax(a), np.nanmin(a), np.nanmean(a))
print(np.nansum(a, axis=0), np.nansum(a, axis=1))
print(np.nanmax(a, axis=1), np.nanmin(a, axis=1))
print(np.nanmean(a, axis=1), np.nanmean(a, axis=0, keepdims=True))
print(np.nanmax(a, axis=0, keepdims=True).shape)
i = np.arange(12).reshape((3, 4))
print(np.nansum(i), np.nanmax(i, axis=0), np.nanmean(i))
f = np.zeros((5, 3))
f.fill(2.5)
print(f, np.sum(f))
g = np.zeros(4, dtype=np.int32)
g.fill(7.9)
print(g)
print(np.logspace(0.0, 3.0, 4))
print(np.logspace(0, 1, 5, endpoint=False, base=2.0))
print(np.logspace(-1.0, 1.0))
