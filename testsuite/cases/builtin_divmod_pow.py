# rtol: 1e-12
# Python's divmod (ints and floats of either sign, NumPy arrays: np.divmod's pair) and pow
# (ints, floats, negative exponents, arrays, a None modulus), in a loop too.
import numpy as np

print(divmod(17, 5), divmod(-17, 5), divmod(17.5, -4), divmod(7, 2.5))
q, r = divmod(np.arange(-6, 7), 4)
print(q, r)
a = np.linspace(-3.0, 3.0, 7)
print(divmod(a, 1.5))
print(pow(2, 10), pow(2.0, -1), pow(-8, 2), pow(a, 2), pow(3, 2, None))
n = 11
for k in range(1, 4):
    print(k, divmod(n, k), pow(k, 3))
