# np.vectorize: a user function, a lambda and builtins applied elementwise over broadcast
# arguments (numbers as 0-d arrays); the result's dtype is f's result's, from a first call
# NumPy makes too (each call prints), or otypes=; math.erf and math.gamma of arrays.
import math
import numpy as np

def clipped(x, lo):
    print("call", x, lo)
    if x < lo:
        return lo
    return x * 2

vc = np.vectorize(clipped)
a = np.arange(6.0).reshape(2, 3)
r = vc(a, 2.0)
print(r, r.dtype)
b = np.array([1, 5])
print(vc(b[:, None], np.array([0, 3, 9])))
sign = np.vectorize(lambda v: 1 if v > 0 else (-1 if v < 0 else 0))
print(sign(np.array([-2.5, 0.0, 3.0])))
ints = np.vectorize(math.floor, otypes=[float])
print(ints(np.array([1.5, -0.5])))
g = np.vectorize(math.gamma)
print(g(np.array([1.0, 4.5, 5.0])))
print(np.vectorize(int)(np.array([2.7, -1.2])))
lo, hi = 0.5, 2.0
def clip(x):
    return min(max(x, lo), hi)
print(np.vectorize(clip)(np.array([0.1, 1.0, 3.0])))
show = lambda r: print(r, len(r))
show(range(4, -4, -3))
