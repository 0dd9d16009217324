# Integer-array reads `a[idx]` of arrays split by rows over ranks: the result's rows line
# up with the index's, and each rank asks the owners of `a`'s rows for the rows its part
# of the index names (permutations, repeats, negative indices, indices that all name rows
# of one rank, an index made by a mask, rows of a 2-D array, views with a step).
import numpy as np

n = 29
a = np.arange(n) * 1.5 + 0.25
perm = (np.arange(n) * 7 + 3) % n
print(a[perm])
print(a[perm].sum(), (a[perm] - a[perm][::-1]).max())
rev = np.arange(n)[::-1]
print(a[rev][:6], a[-rev - 1][:6])
rep = np.arange(40) % 3
print(a[rep], a[rep].shape)
tail = np.arange(n - 4, n)
print(a[tail], a[np.zeros(12, dtype=np.int64)])
sel = np.arange(n)[a > 20.0]
print(sel, a[sel])
m = np.arange(n * 4).reshape(n, 4) * 0.5
print(m[perm[:7]], m[perm].sum(axis=0))
i32 = perm.astype(np.int32)
print(a[i32][:5], a[::2][perm[:10] // 2], a[3:][perm[:5] % 20])
b = a[perm]
c = b[perm]
print(c[:8], np.round((c * b).sum(), 6))
empty = perm[perm > 100]
print(a[empty], a[empty].shape)
literal = np.array([4, 0, -1, 17])
print(a[literal])
