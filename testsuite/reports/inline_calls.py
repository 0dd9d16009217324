# Which calls are inlined into the caller's kernels and, for the others, why not.
import numpy as np


def smooth(u):
    return 0.5 * u[1:-1] + 0.25 * (u[:-2] + u[2:])


def damped(u, k=0.9):
    v = k * smooth(u)
    return v


def clip_low(u, lo):
    if lo > 0.0:
        return np.maximum(u, lo)
    return u


def reset(u):
    u[0] = 0.0
    return u.sum()


n = 32
a = np.linspace(0.0, 1.0, n)
for step in range(3):
    a[1:-1] = damped(a) + clip_low(a[1:-1], 0.1)
print(a.sum() + reset(a))
