# rtol: 1e-10
# 1-D heat equation with Legate's import line; a while loop stops on convergence.
import legate.numpy as np

n = 64
u = np.zeros(n + 2)
u[0] = 1.0
u[-1] = 0.5
inner = u[1:-1]
left = u[:-2]
right = u[2:]
change = 1.0
steps = 0
while change > 1e-3:
    new = 0.5 * (left + right)
    change = np.max(np.abs(new - inner))
    inner[:] = new
    steps += 1
    if steps % 100 == 0:
        print(steps, change)
print("steps:", steps)
print(u[:6])
print("mean:", np.mean(u))
