# rtol: 1e-12
# Keyword-only parameters (`def f(x, *, k=2.0)`), positional-only ones (`def f(a, b, /)`),
# and a tuple or list unpacked into a call (`f(*mats)`, `np.maximum(*args)`), with keywords
# after it; arrays split over ranks.
import numpy as np


def scale(x, *, factor=2.0, shift=0.0):
    return x * factor + shift


def mix(a, b, /, w=0.5):
    return w * a + (1 - w) * b


def chain(a, b, c):
    return a @ b @ c


x = np.arange(6.0)
print(scale(x), scale(x, factor=3.0), scale(x, shift=1.0, factor=0.5))
print(mix(x, x[::-1]), mix(x, 1.0, w=0.25))
mats = (np.eye(3) * 2.0, np.ones((3, 3)), np.arange(9.0).reshape(3, 3))
print(chain(*mats))
args = [x, x + 1.0]
print(mix(*args), mix(*args, w=0.1), np.maximum(*args))
shape = (2, 3)
print(np.zeros(shape).shape, np.add(*args))
