# rtol: 1e-12
# np.pad in the modes edge, wrap, reflect and symmetric: 1-D with one width and with
# (before, after), 2-D with one width and per-axis pairs (corners from the axes before),
# 3-D, a periodic Laplacian and a stencil with edge ghost cells.
import numpy as np
a = np.arange(1.0, 6.0)
print("edge", np.pad(a, 2, mode="edge"), np.pad(a, (1, 3), "edge"))
print("wrap", np.pad(a, 2, mode="wrap"), np.pad(a, (1, 3), "wrap"))
print("reflect", np.pad(a, 2, mode="reflect"), np.pad(a, (1, 3), "reflect"))
print("symmetric", np.pad(a, 2, mode="symmetric"), np.pad(a, (1, 3), "symmetric"))
m = np.arange(12).reshape(3, 4)
print(np.pad(m, 1, mode="edge"), np.pad(m, ((2, 1), (0, 2)), mode="edge"))
print(np.pad(m, 1, mode="wrap"), np.pad(m, ((2, 1), (0, 2)), mode="wrap"))
print(np.pad(m, 1, mode="reflect"), np.pad(m, ((2, 1), (0, 2)), mode="reflect"))
print(np.pad(m, 1, mode="symmetric"), np.pad(m, ((2, 1), (0, 2)), mode="symmetric"))
u = np.linspace(0, 1, 6)
up = np.pad(u, 1, mode="wrap")
print(up[2:] - 2 * up[1:-1] + up[:-2])
t = np.pad(np.ones((2, 2, 2)), 1, mode="edge")
print(t.sum(), t.shape)
g = np.arange(20.0).reshape(4, 5)
gp = np.pad(g, 1, mode="edge")
lap = gp[:-2, 1:-1] + gp[2:, 1:-1] + gp[1:-1, :-2] + gp[1:-1, 2:] - 4 * g
print(lap)
