# exit: 1
# stderr: exception
# Functions that return a value on some paths and None on others (`return None`, a bare
# `return`, or the end of the body), with `is None` tests on the result.
import numpy as np


def first_above(a, v):
    for k in range(a.size):
        if a[k] > v:
            return k
    return None


def root(x):
    if x < 0:
        return
    return np.sqrt(x)


def scaled(a, s):
    if s == 0:
        return None
    return a * s


def label(n):
    if n > 2:
        return "many"


def mixed(n):
    if n == 0:
        return None
    if n == 1:
        return 1
    return 2.5


def smallest_positive(values):
    s = None
    for v in values:
        if v > 0 and (s is None or v < s):
            s = v
    return s


def passthrough(a, v):
    return first_above(a, v)


a = np.arange(10.0)
for v in (4.5, 40.0, -1.0):
    k = first_above(a, v)
    print(v, k, k is None, k is not None and k > 3)
print(root(4.0), root(-1.0), root(2.0) is None)
b = scaled(a, 2.0)
if b is not None:
    print(b.sum(), b[3])
print(scaled(a, 0), scaled(a[:3], 0.5))
print(label(1), label(5))
print(mixed(0), mixed(1), mixed(2))
print(passthrough(a, 7.5), passthrough(a, 9.5))
print(smallest_positive(a - 3.5), smallest_positive(-a))
total = 0
for v in range(12):
    k = first_above(a, v)
    if k is None:
        total += 100
    else:
        total += k
print(total)
k = first_above(a, 100.0)
print(k + 1)
