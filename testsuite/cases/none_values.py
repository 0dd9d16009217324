# Variables bound to None: the result of a function without a value (or with a bare
# `return None` on every path), `is None` / `is not None` / `== None` tests on it,
# printing it, and a name rebound from None to a number on a straight path.
import numpy as np


def update(a, flag):
    a[0] = 5.0
    if flag:
        return None
    return None


def bump(a):
    a += 1.0


z = np.zeros(3)
r = update(z, True)
print(r is None, r, r is not None, r == None)
q = bump(z)
print(q, z)
if q is None:
    print("no value")
x = None
print(x is None)
x = 3
print(x * 2)
