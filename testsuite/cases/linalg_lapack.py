# rtol: 1e-9
# np.linalg's solvers and decompositions (faer underneath, LAPACK in NumPy): solve with a
# vector and a matrix right-hand side, inv, det, slogdet, cholesky (lower and upper), qr
# (reduced, complete, r), eigh/eigvalsh (both triangles), svd (full, thin, values),
# matrix_rank, pinv and lstsq, on float64, integer and float32 input, and empty matrices.
# Values are rounded to 8 decimals (both libraries round differently in the last bits);
# eigenvectors and singular vectors are compared through sign-free quantities. The
# matrices are built from rows split over ranks and gathered for the call.
import numpy as np


def show(x):
    print(np.round(x, 8) + 0.0)


n = 6
i = np.arange(n * n).reshape((n, n))
a = np.cos(i * 0.7) + n * np.eye(n)
spd = a @ a.T + np.eye(n)
b = np.sin(np.arange(n) * 1.3)
B = np.cos(np.arange(n * 3).reshape((n, 3)) * 0.4)

x = np.linalg.solve(a, b)
show(x)
print(np.allclose(a @ x, b))
show(np.linalg.solve(a, B))
ai = np.linalg.inv(a)
show(ai)
print(np.allclose(ai @ a, np.eye(n)))
print(round(float(np.linalg.det(a)), 6))
sign, logdet = np.linalg.slogdet(a)
print(sign, round(float(logdet), 10))
s0, l0 = np.linalg.slogdet(np.array([[1.0, 2.0], [2.0, 4.0]]))
print(np.linalg.det(np.array([[1.0, 2.0], [2.0, 4.0]])), s0, l0)
print(np.linalg.det(np.array([[0.0, 1.0], [1.0, 0.0]])))

L = np.linalg.cholesky(spd)
show(L)
U = np.linalg.cholesky(spd, upper=True)
print(np.allclose(U, L.T), np.allclose(L @ L.T, spd))

tall = np.cos(np.arange(12.0).reshape((4, 3)) ** 1.5)
q, r = np.linalg.qr(tall)
print(q.shape, r.shape)
show(np.abs(q))
show(np.abs(r))
print(np.allclose(q @ r, tall))
qc, rc = np.linalg.qr(tall, mode="complete")
print(qc.shape, rc.shape, np.allclose(qc @ rc, tall), np.allclose(qc.T @ qc, np.eye(4)))
show(np.abs(np.linalg.qr(tall, mode="r")))

w, v = np.linalg.eigh(spd)
show(w)
print(np.allclose(spd @ v, v * w), np.allclose(v.T @ v, np.eye(n)))
show(np.linalg.eigvalsh(spd))
upper_only = np.triu(spd) + np.tril(np.ones((n, n)), -1) * 100.0
show(np.linalg.eigvalsh(upper_only, UPLO="U"))
wu, vu = np.linalg.eigh(upper_only, "U")
show(wu)

wide = np.sin(np.arange(15.0).reshape((3, 5)))
u, s, vh = np.linalg.svd(wide)
print(u.shape, s.shape, vh.shape)
show(s)
print(np.allclose((u * s) @ vh[:3], wide), np.allclose(vh @ vh.T, np.eye(5)))
u, s, vh = np.linalg.svd(tall, full_matrices=False)
print(u.shape, s.shape, vh.shape, np.allclose((u * s) @ vh, tall))
show(np.linalg.svd(wide, compute_uv=False))

print(np.linalg.matrix_rank(a), np.linalg.matrix_rank(np.ones((4, 4))), np.linalg.matrix_rank(np.zeros((3, 2))))
print(np.linalg.matrix_rank(np.outer(np.arange(4.0), np.arange(5.0))), np.linalg.matrix_rank(np.arange(3.0)))
print(np.linalg.matrix_rank(np.diag(np.array([1.0, 1e-3, 1e-9])), tol=1e-6))
show(np.linalg.pinv(tall))
print(np.allclose(np.linalg.pinv(a), ai))

design = np.stack([np.ones(5), np.arange(5.0)], axis=1)
obs = np.array([1.0, 2.9, 5.2, 7.1, 8.8])
coef, res, rank, sv = np.linalg.lstsq(design, obs)
show(coef)
show(res)
print(rank)
show(sv)
coef2, res2, rank2, sv2 = np.linalg.lstsq(design, np.stack([obs, obs * 2.0], axis=1))
show(coef2)
show(res2)
coef3, res3, rank3, sv3 = np.linalg.lstsq(np.ones((3, 2)), np.array([1.0, 2.0, 4.0]))
show(coef3)
print(res3.shape, rank3)

ints = np.array([[2, 1], [1, 3]])
show(np.linalg.inv(ints))
show(np.linalg.solve(ints, np.array([3, 5])))
print(np.linalg.det(ints) > 4.99)
f32 = np.array([[2.0, 1.0], [1.0, 3.0]], dtype=np.float32)
print(np.linalg.inv(f32).dtype, np.linalg.eigvalsh(f32).dtype, np.linalg.solve(f32, np.ones(2, dtype=np.float32)).dtype)
print(np.linalg.det(f32).dtype, np.linalg.solve(f32, np.ones(2)).dtype)

empty = np.zeros((0, 0))
print(np.linalg.inv(empty).shape, np.linalg.det(empty), np.linalg.eigvalsh(empty).shape)
e_u, e_s, e_vh = np.linalg.svd(np.zeros((0, 3)))
print(e_u.shape, e_s.shape, e_vh.shape)
