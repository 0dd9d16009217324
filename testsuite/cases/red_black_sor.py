# rtol: 1e-9
# Red-black successive over-relaxation for the Poisson equation, using strided views.
import numpy as np

n = 33
u = np.zeros((n, n))
f = np.ones((n, n))
h2 = (1.0 / (n - 1)) ** 2
omega = 1.8
for sweep in range(60):
    for parity in range(2):
        for start in range(2):
            rs = 1 + start
            cs = 1 + (start + parity) % 2
            nb = (u[rs - 1:n - 2:2, cs:n - 1:2] + u[rs + 1:n:2, cs:n - 1:2] +
                  u[rs:n - 1:2, cs - 1:n - 2:2] + u[rs:n - 1:2, cs + 1:n:2])
            target = u[rs:n - 1:2, cs:n - 1:2]
            target += omega * (0.25 * (nb + h2 * f[rs:n - 1:2, cs:n - 1:2]) - target)
    if sweep % 20 == 19:
        print(sweep + 1, np.sum(u))
print("center:", u[n // 2, n // 2])
print("max:", np.max(u), "at", np.argmax(u))
