# A recursive multigrid V-cycle for the Poisson equation (Jacobi smoothing, injection,
# bilinear prolongation): a function that calls itself on arrays halved at each level, with
# stencils distributed at every level.
import numpy as np

def smooth(u, f, h, sweeps):
    for _ in range(sweeps):
        u[1:-1, 1:-1] = 0.25 * (u[:-2, 1:-1] + u[2:, 1:-1] + u[1:-1, :-2] + u[1:-1, 2:] + h * h * f[1:-1, 1:-1])
    return u

def residual(u, f, h):
    r = np.zeros_like(u)
    r[1:-1, 1:-1] = f[1:-1, 1:-1] - (4 * u[1:-1, 1:-1] - u[:-2, 1:-1] - u[2:, 1:-1] - u[1:-1, :-2] - u[1:-1, 2:]) / (h * h)
    return r

def restrict(r):
    return r[::2, ::2].copy()

def prolong(e, n):
    out = np.zeros((n, n))
    out[::2, ::2] = e
    out[1:-1:2, ::2] = 0.5 * (e[:-1, :] + e[1:, :])
    out[:, 1:-1:2] = 0.5 * (out[:, :-2:2] + out[:, 2::2])
    return out

def vcycle(u, f, h, level):
    if level == 0:
        return smooth(u, f, h, 20)
    u = smooth(u, f, h, 3)
    r = residual(u, f, h)
    rc = restrict(r)
    ec = vcycle(np.zeros_like(rc), rc, 2 * h, level - 1)
    u = u + prolong(ec, u.shape[0])
    return smooth(u, f, h, 3)

n = 65
h = 1.0 / (n - 1)
x = np.linspace(0, 1, n)
f = np.outer(np.sin(np.pi * x), np.sin(np.pi * x))
u = np.zeros((n, n))
for it in range(4):
    u = vcycle(u, f, h, 4)
    print(it, np.round(np.abs(residual(u, f, h)).max(), 8))
print(np.round(u[n // 2, ::8], 8))
