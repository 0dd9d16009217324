# rtol: 1e-9
# Laplace equation by Jacobi iteration with an L2 convergence test,
# as in the Legate overview slides.
import numpy as np

nx, ny = 100, 100
p = np.zeros((ny, nx))
p[:, -1] = np.linspace(0.0, 1.0, ny)
p[0, :] = 0.5

l2_target = 1e-6
max_iter = 300
output_freq = 50
l2 = 1.0
icount = 0

while l2 > l2_target and icount < max_iter:
    icount += 1
    pn = p.copy()
    p[1:-1, 1:-1] = .25 * (
        p[1:-1, 2:] + p[1:-1, :-2] +
        p[2:, 1:-1] + p[:-2, 1:-1]
    )
    l2 = np.sqrt(np.sum((p - pn) ** 2) / np.sum(pn ** 2))
    if icount % output_freq == 0:
        print(icount, l2)

print("iterations:", icount)
print("p[50, 50] =", p[50, 50])
print("p[1, 98] =", p[1, 98])
