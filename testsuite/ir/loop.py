# A while loop with a convergence test on a reduction, and a counted for loop inside.
import numpy as np

u = np.ones(32)
change = 1.0
steps = 0
while change > 1e-3 and steps < 100:
    old = u.copy()
    for k in range(2):
        u[1:-1] = 0.5 * (u[:-2] + u[2:])
    change = np.max(np.abs(u - old))
    steps += 1
print(steps, change)
