import numpy as np


def f(p):
    p.shape = (2, 2)
    return p


a = np.arange(6.0)
b = a
a.shape = (2, 3)
c = np.arange(4.0)
pair = [c, a]
c.shape = (2, 2)
d = np.arange(4.0)
d.dtype = np.int64
print(a, b, c, f(np.ones(4)), d)
