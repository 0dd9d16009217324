# rtol: 1e-9
# 1-D upwind advection and 1-D wave equation with fixed ends.
import numpy as np

n = 200
dx = 1.0 / n
x = np.linspace(0.0, 1.0, n)
u = np.exp(-200.0 * (x - 0.25) ** 2)
c = 0.8
for step in range(100):
    u[1:] = u[1:] - c * (u[1:] - u[:-1])
print("advected mass:", np.sum(u) * dx)
print("peak at", np.argmax(u), "value", np.max(u))

prev = np.sin(3.14159265358979 * x)
cur = prev.copy()
nxt = np.zeros(n)
courant2 = 0.25
for step in range(150):
    nxt[1:-1] = 2.0 * cur[1:-1] - prev[1:-1] + courant2 * (cur[2:] - 2.0 * cur[1:-1] + cur[:-2])
    nxt[0] = 0.0
    nxt[-1] = 0.0
    prev = cur
    cur = nxt.copy()
energy = np.sum(cur ** 2)
print("wave energy:", energy)
print(cur[::40])
