# Functions that take and return arrays, tuples of arrays and scalars.
import numpy as np


def scale_shift(a, s, t):
    return a * s + t


def split_stats(a):
    return np.sum(a), np.max(a), a - np.mean(a)


def smooth(v):
    out = v.copy()
    out[1:-1] = (v[:-2] + v[1:-1] + v[2:]) / 3.0
    return out


def axpy_inplace(alpha, x, y):
    y += alpha * x
    return y


def zero_border(g):
    g[0, :] = 0.0
    g[-1, :] = 0.0
    g[:, 0] = 0.0
    g[:, -1] = 0.0


x = np.arange(6) * 1.0
print(scale_shift(x, 2.0, -1.0))
print(scale_shift(np.arange(4), 3, 1))
total, biggest, centered = split_stats(x)
print(total, biggest)
print(centered)
print(smooth(np.array([0.0, 3.0, 0.0, 6.0, 0.0])))
y = np.ones(6)
z = axpy_inplace(0.5, x, y)
print(y)
print(z)
g = np.ones((4, 5))
zero_border(g)
print(g)
print(np.sum(g))
