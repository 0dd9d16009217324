# A function called with an array and a scalar, returning an array and a scalar. Its `if`
# keeps it a function of its own (a straight-line body would be inlined: inline_call.py).
import numpy as np


def scale(v, factor):
    if factor < 0.0:
        factor = -factor
    w = v * factor
    return w, np.max(w)


x = np.linspace(0.0, 1.0, 8)
y, m = scale(x, 3.0)
print(y, m)
