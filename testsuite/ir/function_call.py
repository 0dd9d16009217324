# A function called with an array and a scalar, returning an array and a scalar.
import numpy as np


def scale(v, factor):
    w = v * factor
    return w, np.max(w)


x = np.linspace(0.0, 1.0, 8)
y, m = scale(x, 3.0)
print(y, m)
