# A periodic 1-D advection step: the ends read each other (wrap-around), the interior
# reads its neighbours (one ghost cell each side).
import numpy as np

n = 1000
u = np.exp(-((np.arange(n) - 300.0) / 40.0) ** 2)
for step in range(100):
    un = u.copy()
    u[1:] = un[1:] - 0.5 * (un[1:] - un[:-1])
    u[0] = un[0] - 0.5 * (un[0] - un[-1])
print(np.sum(u), u.max())
