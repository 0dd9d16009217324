# np.radians/deg2rad/degrees/rad2deg (float64, float32, ints, out=), math.radians and
# math.degrees; np.isfinite/isnan/isinf of complex numbers (either part), counted over an
# escaping Mandelbrot iteration.
import math

import numpy as np

a = np.array([0.0, 45.0, 90.0, 180.0, 359.9, -30.0])
r = np.radians(a)
print(r, np.deg2rad(a).sum(), np.degrees(r), np.rad2deg(r).sum())
f = a.astype(np.float32)
print(np.radians(f), np.radians(f).dtype, np.degrees(np.radians(f)).dtype)
print(np.radians(90), np.degrees(np.pi), np.deg2rad(np.arange(4)))
out = np.empty(6)
np.radians(a, out=out)
print(out)
print(math.radians(30.0), math.degrees(1.0), math.radians(7))
lat1, lat2 = np.radians(np.linspace(-80, 80, 9)), np.radians(np.linspace(10, 50, 9))
dlat = lat2 - lat1
h = np.sin(dlat / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin(np.radians(15.0) / 2) ** 2
print(2 * 6371.0 * np.arcsin(np.sqrt(h)))

z = np.array([1 + 2j, np.inf + 0j, complex(0, np.nan), complex(np.inf, np.nan), 3j], dtype=np.complex128)
print(np.isfinite(z), np.isnan(z), np.isinf(z))
w = z.astype(np.complex64)
print(np.isfinite(w), np.isnan(w), np.isinf(w))
print(np.isfinite(1 + 2j), np.isinf(complex(np.inf, 1)), np.isnan(np.complex128(1j)))
c = np.linspace(-2, 1, 13) + 1j * np.linspace(-1, 1, 9)[:, None]
zz = np.zeros_like(c)
for _ in range(40):
    zz = zz * zz + c
print(np.count_nonzero(np.isfinite(zz)), np.count_nonzero(np.isnan(zz)), np.count_nonzero(np.isinf(zz)))
