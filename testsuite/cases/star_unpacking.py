# Starred assignment targets: the starred name takes a list of the values between the
# others (`coef, *_ = np.linalg.lstsq(...)`, `n, *dims = a.shape`).
import numpy as np
a, *rest = (1, 2, 3)
print(a, rest)
*init, last = [1.5, 2.5, 3.5, 4.5]
print(init, last)
x, *mid, y = (1, 2)
print(x, mid, y)
A = np.vander(np.linspace(0, 1, 6), 3)
b = np.linspace(1, 2, 6)
coef, *_ = np.linalg.lstsq(A, b, rcond=None)
print(np.round(coef, 8))
n, *dims = A.shape
print(n, dims)
