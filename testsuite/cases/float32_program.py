# rtol: 1e-5
# A float32 program end to end: creation, a stencil, reductions, math functions,
# NEP 50 promotion with Python scalars (stays float32) and with float64 arrays.
import numpy as np

n = 64
x = np.linspace(0.0, 1.0, n, dtype=np.float32)
u = np.sin(np.float32(np.pi) * x) + np.float32(0.5) * x * x
print(u.dtype, u[:4])
for step in range(50):
    u[1:-1] = u[1:-1] + 0.25 * (u[:-2] - 2 * u[1:-1] + u[2:])
print(u.dtype, u.sum(), u.mean(), u.max(), np.argmax(u))
grid = np.ones((16, 16), dtype=np.float32)
grid[0, :] = 0.0
for it in range(20):
    grid[1:-1, 1:-1] = 0.25 * (grid[:-2, 1:-1] + grid[2:, 1:-1] + grid[1:-1, :-2] + grid[1:-1, 2:])
print(grid.dtype, grid[1, 1:5], np.sqrt(grid).sum(), np.exp(-grid).mean())
w = grid.astype(np.float64) + grid
print(w.dtype, w.sum())
s = np.float32(3.0) * 2.5
print(type(s).__name__ if False else s, (x * 2.0).dtype, (x + np.float64(1.0)).dtype)
m = np.arange(12, dtype=np.float32).reshape(3, 4)
print(m @ m.T, (m.T @ m).dtype, np.dot(m[0], m[1]))
print(np.clip(m, 2.5, 7.5), np.round(m / 3, 2), np.std(m), np.var(m, axis=0))
