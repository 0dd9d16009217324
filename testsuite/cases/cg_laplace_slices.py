# Matrix-free conjugate gradient on the 2-D Laplacian, written with slices.
import numpy as np


def laplace(p, out):
    out[1:-1, 1:-1] = 4.0 * p[1:-1, 1:-1] - p[:-2, 1:-1] - p[2:, 1:-1] - p[1:-1, :-2] - p[1:-1, 2:]


n = 64
b = np.zeros((n + 2, n + 2))
b[1:-1, 1:-1] = 1.0
x = np.zeros((n + 2, n + 2))
r = b.copy()
p = r.copy()
ap = np.zeros((n + 2, n + 2))
rr = np.sum(r * r)
for it in range(50):
    laplace(p, ap)
    alpha = rr / np.sum(p * ap)
    x += alpha * p
    r -= alpha * ap
    rr_new = np.sum(r * r)
    p[:] = r + (rr_new / rr) * p
    rr = rr_new
print("residual:", np.sqrt(rr))
