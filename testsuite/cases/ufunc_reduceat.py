# ufunc.reduceat: a sparse matrix-vector product with CSR arrays (np.add.reduceat), segment
# rules (a non-increasing next index, the last segment), axes, dtypes; and lists joined
# with arrays by np.concatenate/hstack/vstack.
import numpy as np

# Sparse matrix-vector product with CSR arrays.
n = 400
rng = np.random.default_rng(7)
nnz_per_row = (np.arange(n) % 5) + 1
indptr = np.concatenate(([0], np.cumsum(nnz_per_row)))
indices = (np.arange(indptr[-1]) * 37) % n
data = rng.random(indptr[-1])
x = rng.random(n)
y = np.add.reduceat(data * x[indices], indptr[:-1])
print(y[:5], y.sum(), y.shape)

a = np.arange(8.0)
print(np.add.reduceat(a, [0, 4, 1, 6]), np.add.reduceat(a, [5]))
print(np.multiply.reduceat(a + 1, [0, 3, 3]), np.maximum.reduceat(a[::-1], [0, 2, 5]))
print(np.minimum.reduceat(np.array([3, 1, 4, 1, 5, 9, 2, 6]), [0, 3, 7]))
b = np.arange(12.0).reshape(4, 3)
print(np.add.reduceat(b, [0, 2]), np.add.reduceat(b, [0, 2], axis=1), np.add.reduceat(b, [1, 2], axis=-1))
i32 = np.arange(10, dtype=np.int32)
r = np.add.reduceat(i32, np.array([0, 5], dtype=np.int32))
print(r, r.dtype, np.maximum.reduceat(i32, [2]).dtype)
print(np.add.reduceat(np.array([True, False, True, True]), [0, 2]))
print(np.add.reduceat(a, np.array([], dtype=np.int64)).shape)
f = np.linspace(0.0, 1.0, 1001) ** 2 * 1e8
print(np.add.reduceat(f, [0, 300, 1000]))
print(np.concatenate(([0.5], a, (1, 2))), np.hstack(([1], [2, 3])), np.vstack(([1, 2], np.ones(2))))
