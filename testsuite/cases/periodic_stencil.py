# rtol: 1e-10
# A 2-D diffusion stencil with periodic boundaries kept by copying ghost rows and columns.
import numpy as np

n = 32
u = np.zeros((n + 2, n + 2))
for i in range(n + 2):
    u[i, :] = np.sin(np.arange(n + 2) * 0.3) * ((i * 5) % 7)
interior = u[1:-1, 1:-1]
for step in range(25):
    u[0, :] = u[-2, :]
    u[-1, :] = u[1, :]
    u[:, 0] = u[:, -2]
    u[:, -1] = u[:, 1]
    lap = u[:-2, 1:-1] + u[2:, 1:-1] + u[1:-1, :-2] + u[1:-1, 2:] - 4.0 * interior
    interior += 0.1 * lap
    if step % 8 == 0:
        print(step, np.sum(interior), np.sum(interior * interior))
print(u[1, 1:5])
print(u[n, n - 3:n + 1])
