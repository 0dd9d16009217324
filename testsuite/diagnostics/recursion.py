# What legatec refuses of recursion: functions calling each other, a function calling
# itself with arguments whose types change at every call (an array gaining an axis), and a
# function with no path that returns without calling itself (no base case: its result has no
# type). A function calling itself directly compiles (testsuite/cases/recursion.py).
import numpy as np


def ping(n):
    if n <= 0:
        return 0
    return pong(n - 1)


def pong(n):
    if n <= 0:
        return 1
    return ping(n - 1)


def deepen(a):
    if a.ndim > 3:
        return a.sum()
    return deepen(a[None])


def forever(n):
    return forever(n + 1) * 2


print(ping(5), deepen(np.ones(3)))
print(forever(1))
