# whitespace: exact
# Python evaluates operands left to right: an array expression computed before a call
# that changes its operand in place keeps the values it read (a fused expression must not
# read them after the call). Calls of functions that change nothing still fuse.
import numpy as np


def bump(a):
    a[0] = 100.0
    return 1.0


def double(a):
    a *= 2.0
    return a


def scale(a, k):
    return a * k + 1.0


def indirect(a):
    return bump(a) + 1.0


def sort_it(a):
    a.sort()
    return a[0]


n = 6
a = np.ones(n)
print(a * 2.0 + bump(a))
a = np.ones(n)
print(np.maximum(a * 2.0, bump(a)))
a = np.ones(n)
t = (a + 1.0, bump(a))
print(t[0], t[1])
a = np.ones(n)
print((a * 2.0).sum() + bump(a))
a = np.ones(n)
print((a * 2.0).dot(double(a)))
a = np.ones(n)
print(a * 2.0 < bump(a))
a = np.ones(n)
print((a + 1.0)[int(bump(a))])
a = np.ones(n)
print(a * 2.0 + indirect(a))
a = np.ones(n)
print(a * 2.0 + double(a))
a = np.arange(float(n))
print(a * 2.0 + scale(a, 3.0))
a = np.arange(float(n))[::-1].copy()
print(a - 1.0 + sort_it(a))
a = np.ones(n)
print(1.0 < a.sum() * 0.5 < bump(a) + a.sum())
b = np.linspace(0.0, 1.0, n)
print(b * b - np.sqrt(b) + scale(b, 2.0) * b)
