# whitespace: exact
# args:
# args: 1
# args: 1 2 3 4 5 6
# Slices clamp to their axis as Python's do: bounds past either end, negative bounds
# before the start, steps of both signs and empty results, on axes whose extents are
# known at compile time (5, 4) and on axes sized by the command line (n).
import sys
import numpy as np

a = np.arange(5) * 1.0
print(a[:10] + np.ones(5))
print(a[-10:] + np.ones(5))
print(a[-10:3] + np.ones(3))
print(a[2:100] * 2)
print(a[3:1], a[3:1].shape, a[10:], a[-10:-7].shape)
print(a[::-1] + a)
print(a[::2] + np.ones(3), a[1::2] + np.ones(2))
print(a[10::-2] + np.ones(3), a[:-10:-1] + a)
print(a[-1:-10:-2], a[0:0:-1].size, a[4:0:-1] - np.ones(4))
print(np.sum(a[:100:3]), a[:100:3].shape)

b = np.arange(20).reshape(5, 4) * 1.0
print(b[:10, 1:] + np.ones((5, 3)))
print(b[-7:2, ::-3] + np.zeros((2, 2)))
print(b[1:-1, -100:100:2].shape, b[4:, :][:, 10:].shape)

# Extents known only at run time: n is 1, 2 or 7.
n = len(sys.argv)
c = np.arange(n) * 1.0
print(c[1:-1], c[1:-1].shape, c[2:] + c[:-2], c[-3:])
print(c[:10] + c, c[::-1] + c, c[::2], c[1::3], c[-10:2])
print(c[:-1:2].shape, c[n:], c[:n - 10].shape)
d = np.ones((n, 3))
print(d[1:, :][::-1, 1:].shape, np.sum(d[:5, :5], axis=0))
