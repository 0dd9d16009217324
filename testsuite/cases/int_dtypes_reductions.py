# whitespace: exact
# Reductions and scans of the integer dtypes: sum/prod/cumsum/cumprod widen small
# signed integers to int64 and unsigned ones to uint64; max/min/argmax/argmin keep the
# dtype; mean/std/var are float64. Whole arrays and along each axis.
import numpy as np

base = np.arange(3000).reshape(750, 4)


def red(t):
    a = (base * 7919 % 1000 - 300).astype(t)
    print(a.dtype, a[0], a[749])
    print(a.sum(), a.sum().dtype, np.sum(a), a.prod(), a.prod().dtype)
    print(a.max(), a.max().dtype, a.min(), a.argmax(), a.argmin())
    print(a.mean(), a.mean().dtype, a.std(), a.var())
    print(a.sum(axis=0), a.sum(axis=0).dtype, np.sum(a, axis=1)[0:5])
    print(a.max(axis=0), a.max(axis=0).dtype, a.min(axis=1)[0:5], np.argmax(a, axis=0), np.argmin(a, axis=1)[0:5])
    print(a.mean(axis=0), a[0:6].prod(axis=0))
    c = np.cumsum(a)
    print(c[0:4], c[2999], c.dtype)
    c0 = np.cumsum(a, axis=0)
    print(c0[749], c0.dtype, np.cumsum(a, axis=1)[3])
    p = np.cumprod(a[0:3], axis=1)
    print(p, p.dtype)
    print(np.any(a == 0), np.all(a != 5000), np.count_nonzero(a))


red(np.int8)
red(np.int16)
red(np.int32)
red(np.uint8)
red(np.uint16)
red(np.uint32)
red(np.uint64)

# uint64 partial sums beyond 2**63 and max/min of unsigned values above int64's range.
big = np.arange(4000, dtype=np.uint64) * 2**52
print(big.sum(), big.max(), big.min(), big.argmax(), big[3999], big.dtype)
print(np.cumsum(big)[3999], (big * 2048).max(), (big * 2048).argmax(), (big * 2048).min())
h = (np.arange(4000) % 7).astype(np.uint8)
print((h - 3).max(), (h - 3).min(), (h - 3).argmax(), (h - 3).argmin(), (h - 3).sum())
g = (np.arange(4000) % 200).astype(np.int8)
print((g + 100).max(), (g + 100).min(), (g * 3).sum(), (g * 3).prod())
