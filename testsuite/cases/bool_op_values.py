# `x or y` and `x and y` as values: of None (an optional parameter left out) and of numbers
# that are not bools, the operand that decides (later ones evaluated only where needed).
import numpy as np


def solve(tol=None, n=None):
    tol = tol or 1e-8
    n = n or 10
    return tol, n


print(solve(), solve(1e-3), solve(0.0, 0), solve(n=4))
k = int(np.sum(np.ones(3)))
m = k and 7
z = 0 and k
w = (k - 3) or (k * 2)
print(m, z, w)
x = None
y = x or np.zeros(2)
print(y)
calls = []


def noisy(v):
    calls.append(v)
    return v


print(3.0 or noisy(4.0), 0.0 or noisy(5.0), 2.5 and noisy(1.5), 0.0 and noisy(9.0), calls)
if k or 0:
    print("k is true")
while k and k - 1:
    k -= 1
print(k)
