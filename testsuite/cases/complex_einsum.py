# np.einsum, np.tensordot, np.kron and np.inner of complex operands (a self-energy
# contraction among them): products in one kernel, sums of the parts.
import numpy as np
a = np.arange(6).reshape(2, 3) * (1 + 2j)
b = np.arange(12).reshape(3, 4) - 1j * np.arange(12).reshape(3, 4) ** 0.5
print(np.einsum("ij,jk->ik", a, b))
print(np.einsum("ij->j", a), np.einsum("ij,ij->", a, a))
r = np.arange(3.0)
print(np.einsum("ij,j->i", a, r), np.einsum("i,i", r, r))
G = np.arange(2 * 2 * 3 * 3).reshape(2, 2, 3, 3) * (0.5 - 0.25j)
dH = np.arange(2 * 2 * 4 * 3 * 3).reshape(2, 2, 4, 3, 3) * (1 + 1j)
print(np.einsum("abmn,abinp->abimp", G, dH).sum())
print(np.einsum("ij,jk", a, b).shape)
v = np.array([1 + 1j, 2 - 1j, 0.5j])
w = np.array([3.0, -1j, 2 + 2j])
print(np.inner(v, w), np.kron(v, w[:2]), np.tensordot(a, b, axes=1)[1])
print(np.tensordot(G, G, axes=([2, 3], [3, 2])).shape, np.inner(a, a))
