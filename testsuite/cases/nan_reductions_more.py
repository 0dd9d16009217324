# np.nanargmax, np.nanargmin (NaN skipped; integers as argmax), np.nanvar, np.nanstd (ddof,
# axis; NaN where fewer than ddof + 1 values remain), float32 kept (np.nanmean too).
import numpy as np

a = np.array([1.0, np.nan, 7.5, -3.0, np.nan, 7.5])
print(np.nanargmax(a), np.nanargmin(a), np.nanargmax(np.arange(5)), np.nanargmin(np.array([3, 1, 1])))
m = np.array([[1.0, np.nan, 3.0], [np.nan, 5.0, -1.0], [2.0, 2.0, np.nan], [0.5, np.nan, 9.0]])
print(np.nanargmax(m), np.nanargmax(m, axis=0), np.nanargmin(m, axis=1), np.nanargmin(m, 0))
print(np.nanvar(a), np.nanstd(a), np.nanvar(a, ddof=1), np.nanstd(a, ddof=4), np.nanvar(a, ddof=5))
print(np.nanvar(m, axis=0), np.nanstd(m, axis=1), np.nanvar(m, axis=1, ddof=2), np.nanstd(m, 0, ddof=1))
f = m.astype(np.float32)
print(np.nanvar(f), np.nanstd(f, axis=0), np.nanvar(f).dtype, np.nanstd(f, axis=1).dtype)
print(np.nanvar(np.arange(6)), np.nanstd(np.arange(6).reshape(2, 3), axis=1), np.nanvar(np.array([np.nan, np.nan])))
print(np.nanmean(f), np.nanmean(f).dtype, np.nanmean(f, axis=0), np.nanmean(f, axis=1).dtype)
