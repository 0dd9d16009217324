# Boolean-mask reads of arrays split by rows over ranks: each rank keeps what it selects
# from its own rows, so the result is split in blocks whose sizes depend on the data
# (selections that fall on one rank only, on none, or on all), and what follows works on
# those blocks: arithmetic, reductions, a stencil over the result (its ghost rows), a
# mask of a mask's result, dot products, sorting, printing.
import numpy as np

n = 37
x = np.arange(n) * 0.5 - 4.0
pos = x[x > 0]
print(pos.shape, pos.sum(), pos.min(), pos.max())
print(pos * 2.0 + 1.0)
# Only the first rows (a selection that lies on rank 0), only the last, none, all.
first = x[x < -3.0]
last = x[x > 13.0]
none = x[x > 100.0]
every = x[x > -100.0]
print(first, last, none, none.shape, every.sum())
print(none.sum(), first.sum() + last.sum())
# A stencil over a selection: ghost rows of a split whose blocks were found at run time.
d = pos[1:] - pos[:-1]
print(d.sum(), d.max(), d.shape)
s = 0.25 * pos[:-2] + 0.5 * pos[1:-1] + 0.25 * pos[2:]
print(s)
# A selection of a selection, and masks made from other arrays of the same length.
y = np.cos(x) * 10.0
sel = y[(x > -2.0) & (y > 0.0)]
print(sel.shape, np.round(sel, 6))
twice = sel[sel > 5.0]
print(twice.shape, np.round(twice.sum(), 9))
print(np.round(pos @ pos, 9), np.round(np.dot(pos, pos * 2.0), 9))
# Rows of a 2-D array by a 1-D mask, and single elements by a 2-D mask (C order).
m = np.arange(n * 3).reshape(n, 3) * 1.0
rows = m[x > 10.0]
print(rows.shape, rows)
elems = m[m % 7.0 == 0.0]
print(elems.shape, elems.sum(), elems[:5])
print(np.sort(pos * -1.0)[:4], np.cumsum(first))
# Integer and bool selections; a view with an offset and a step.
k = np.arange(n)
evens = k[k % 2 == 0]
print(evens, evens.sum(), evens.dtype)
flags = (k % 3 == 0)[k > 20]
print(flags, flags.sum())
v = x[5:][x[5:] < 2.0]
w = x[::3][x[::3] > 1.0]
print(v, w)
# Reshaped afterwards: the result is made whole on every rank instead.
r = k[k < 12].reshape(3, 4)
print(r, r.sum(axis=0))
