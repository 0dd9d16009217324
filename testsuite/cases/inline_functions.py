# whitespace: exact
# Straight-line functions are inlined into the caller's expressions (one kernel, the
# function's temporaries in registers); each call must still mean what Python means:
# arguments bound by position, keyword and default, values used several times, tuples and
# scalars returned, module globals read at the call, views of the arguments (a stencil),
# calls inside calls and loops, and functions that stay calls (control flow) beside them.
import numpy as np


def cnd(x):
    a1 = 0.31938153
    a2 = -0.356563782
    k = 1.0 / (1.0 + 0.2316419 * np.abs(x))
    poly = k * (a1 + k * a2)
    w = 1.0 - np.exp(-0.5 * x * x) * poly
    return np.where(x < 0.0, 1.0 - w, w)


def both(s, strike, t, r=0.05, v=0.3):
    """Call and put."""
    d1 = (np.log(s / strike) + (r + 0.5 * v * v) * t) / (v * np.sqrt(t))
    d2 = d1 - v * np.sqrt(t)
    e = strike * np.exp(-r * t)
    return s * cnd(d1) - e * cnd(d2), e * cnd(-d2) - s * cnd(-d1)


def laplace(u):
    return u[:-2, 1:-1] + u[2:, 1:-1] + u[1:-1, :-2] + u[1:-1, 2:] - 4.0 * u[1:-1, 1:-1]


def shifted(a):
    return a * gain + offset


def clipped(a, lo):
    if lo > 0.0:
        return np.maximum(a, lo)
    return a


def norm(v):
    return np.sqrt(np.sum(v * v))


n = 12
s = np.linspace(10.0, 40.0, n)
t = np.linspace(0.25, 2.0, n)
call, put = both(s, 25.0, t)
print(call)
print(put)
call2, put2 = both(s, strike=30.0, t=t, v=0.2)
print(call2 - put2)
print(np.sum(both(s, 25.0, t)[0]))

gain = 2.0
offset = np.arange(float(n))
print(shifted(s))
gain = -1.0
print(shifted(s) + clipped(s - 20.0, 1.0))

u = np.zeros((8, 10))
u[0, :] = 1.0
for it in range(5):
    u[1:-1, 1:-1] = u[1:-1, 1:-1] + 0.2 * laplace(u)
    r = norm(laplace(u))
print(u[1, 1:5], r)
x = np.linspace(-2.0, 2.0, 9)
print(cnd(cnd(x) - 0.5), cnd(x[::-1]))
print(norm(x), norm(np.arange(4)))
