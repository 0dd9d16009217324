# Lists print as lists and tuples as tuples: literals, names bound to them, concatenated,
# returned by functions (one item and none too), nested.
import sys

import numpy as np


def pair(n):
    return [n, n + 1]


def one(x):
    return [x]


def single(x):
    return (x,)


def none():
    return []


x = [1, 2]
t = (3, 4.5)
print([1.5, 2.5], x, t, [], (), [4], (5,), (1, [2, 3]), [(1, 2), [3]])
y = pair(3)
print(y, str(y), f"{y} {t}", x + [5], t + (6,))
z = [len(sys.argv), 4]
print(z, one(2.5), single(7), none())
(q,) = single(8)
a, b = pair(9)
print(q, a, b, [np.float64(1.5), np.int32(2), True, None, "s"])
