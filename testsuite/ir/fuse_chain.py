# Cross-statement fusion: `t` and `v` are only read by the next statement, so each chain
# becomes one kernel and neither intermediate is allocated.
import numpy as np

n = 8
a = np.linspace(0.0, 1.0, n)
b = np.ones(n)
t = a + b
u = 2.0 * t
print(u[0])


def chain(x, y):
    v = x * y
    w = v - 1.0
    z = np.sqrt(w * w)
    return np.sum(z)


print(chain(a, b))
