# rtol: 1e-12
# np.ix_ (integer and boolean sequences, lists), np.triu_indices / np.tril_indices (k, m)
# and their _from forms, and a tuple as the whole index: the result of np.nonzero, of
# np.ix_ or of the triangle functions, or a tuple variable (a[t] is a[t[0], t[1]]), read
# and assigned; arrays split over ranks.
import numpy as np

A = np.arange(20).reshape(4, 5)
print(A[np.ix_([1, 2], [0, 4])])
rows, cols = np.ix_(np.array([3, 0]), np.array([True, False, True, False, True]))
print(rows, cols, A[rows, cols])
print(np.triu_indices(3, k=1), np.tril_indices(4))
print(np.triu_indices(3, 0, 5), np.tril_indices(3, -1, 2))
M = np.arange(12.0).reshape(3, 4)
iu = np.triu_indices_from(M)
print(iu, M[iu], np.sum(M[np.tril_indices_from(M, k=-1)]))
n = len(M) + 2
r, c = np.triu_indices(n, 1)
print(r, c, r.dtype)
B = np.zeros((n, n))
B[np.triu_indices(n, 1)] = 1.0
print(B)
mask = M > 4.5
print(M[np.nonzero(mask)], np.nonzero(mask)[1])
t = (2, 1)
print(M[t], A[t])
M[np.nonzero(mask)] = -1.0
print(M)
sel = [0, 2]
print(A[sel], A[sel, 1])
