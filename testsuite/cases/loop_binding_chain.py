# rtol: 1e-9
# A chain of rebindings in a loop (`prev = cur; cur = nxt.copy()`): from the third iteration
# on `prev` is bound to the copy made in the loop, whose row 1 `prev[1:2]` reads from its
# owner; the plan must allow that fetch at every rank count (found by fuzz seed 32).
import numpy as np

n = 200
x = np.linspace(0.0, 1.0, n)
prev = np.sin(3.14159265358979 * x)
cur = prev.copy()
nxt = np.zeros(n)
courant2 = 0.25
for step in range(40):
    nxt[1:-1] = 2.0 * cur[1:-1] - prev[1:2] + courant2 * (cur[2:] - 2.0 * cur[1:-1] + cur[:-2])
    prev = cur
    cur = nxt.copy()
print(cur[:5])
print(float(np.sum(cur)), float(prev[7]))
