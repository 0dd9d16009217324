# A keyword-only parameter passed by position, a positional-only one by keyword, and an
# array unpacked into a call (legatec unpacks tuples and lists).
import numpy as np


def scale(x, *, factor=2.0):
    return x * factor


def mix(a, b, /, w=0.5):
    return w * a + (1 - w) * b


x = np.arange(3.0)
print(scale(x, 3.0))
print(mix(a=x, b=x))
print(np.sum(*x))
