# rtol: 1e-12
# np.einsum: matrix products, transposes, traces and diagonals, sums over axes, outer
# products, batches, ellipses, implicit outputs (sorted letters), three operands, int32
# kept int32 (np.sum would widen it), bools as or-of-ands.
import numpy as np

A = np.arange(12.0).reshape(3, 4)
B = np.arange(20.0).reshape(4, 5) / 3.0
v = np.arange(4.0)
print(np.einsum("ij,jk->ik", A, B))
print(np.einsum("ij,jk", A, B))
print(np.einsum("ij->ji", A))
print(np.einsum("ij->", A), np.einsum("ij->j", A), np.einsum("ij->i", A))
print(np.einsum("i,i", v, v), np.einsum("i,i->", v, v))
print(np.einsum("ij,j->i", A, v))
print(np.einsum("i,j->ij", v, np.arange(3.0)))
S = np.arange(9.0).reshape(3, 3)
print(np.einsum("ii", S), np.einsum("ii->i", S))
T = np.arange(60.0).reshape(3, 4, 5)
print(np.einsum("bij,jk->bik", T, np.ones((5, 2))))
print(np.einsum("ijk,ikl->ijl", T, np.arange(3 * 5 * 2.0).reshape(3, 5, 2)))
print(np.einsum("...ij,...jk", T, np.ones((5, 2))).shape)
print(np.einsum("ijk->kji", T)[1])
print(np.einsum("ijk,k", T, np.arange(5.0)))
print(np.einsum("ba", A).shape)
I = np.arange(6, dtype=np.int32).reshape(2, 3)
r = np.einsum("ij,ij->", I, I)
print(r, r.dtype)
print(np.einsum("ij,kj->ik", I, I).dtype)
flags = np.array([True, False, True])
print(np.einsum("i,i", flags, np.array([False, False, True])))
print(np.einsum("i,i,i", v[:3], v[1:], v[:3]))
