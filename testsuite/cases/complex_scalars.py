# rtol: 1e-12
# Python complex numbers: literals, complex(), arithmetic with CPython's division and
# integer powers, abs, parts, conjugates, comparisons, truth, loops and functions.
import numpy as np


def rotate(z, turns):
    w = z
    for _ in range(turns):
        w = w * 1j
    return w


def mandel_escape(c, limit):
    z = 0j
    for i in range(limit):
        z = z * z + c
        if abs(z) > 2.0:
            return i
    return limit


z = 1 + 2j
w = complex(3, -4)
print(z, w, z + w, z - w, z * w, z / w, -z, +w)
print(2j, 3.5j, 0j, complex(0, 0), complex(-0.0, 1.5), complex(2), complex(1.5, -0.0))
print(z ** 2, z ** 3, z ** -1, z ** 0, w ** 5, (0.5 - 0.25j) ** 7)
print(abs(w), abs(3j), z.real, z.imag, w.conjugate(), z.conjugate().imag)
print(z == 1 + 2j, z != w, z == 1, complex(2, 0) == 2.0, bool(0j), bool(1j), not 0j)
print(rotate(z, 3), rotate(w, 4))
for x in range(-8, 4):
    print(mandel_escape(complex(x / 4, 0.5), 50), end=" ")
print()
print(1e16 + 1e-5j, 1e-5 + 0j, complex(float("nan"), 1.0), complex(1.0, float("inf")))
s = 0j
for k in range(1, 6):
    s = s + 1 / complex(k, k)
print(s, f"{s}", str(w))
x = np.float64(2.5)
y = x * (1 - 1j)
print(y, y.real, np.complex128(z) * 2, np.complex64(0.1 + 0.2j))
