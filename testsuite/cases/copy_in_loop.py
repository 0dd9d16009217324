# Copies that copy themselves around a loop (`A = A.copy()`, two arrays copied into each
# other, a helper that returns an updated copy): the plan's copy groups have cycles (the
# compiler hung on them).
import numpy as np

A = np.arange(10.0)
for t in range(3):
    A = A.copy()
    A[t] += 1.0
print(np.sum(A), A[:4])
B = np.linspace(0.0, 1.0, 12)
C = B.copy()
for t in range(4):
    C = B.copy()
    C[1:-1] = 0.5 * (B[:-2] + B[2:])
    B = C.copy()
print(B)


def step(u):
    out = u.copy()
    out[1:-1] = u[2:] + u[:-2]
    return out


def run(steps, u):
    for _ in range(steps):
        v = step(u)
        u = step(v)
    return u


print(run(3, np.arange(8.0)))
