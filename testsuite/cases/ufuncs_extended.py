# Elementwise functions beyond the core: trigonometric and logarithmic variants,
# sign, square, clip, rounding, finiteness predicates, isclose/allclose.
import math
import numpy as np

x = np.linspace(-0.9, 0.9, 7)
print(np.tan(x))
print(np.arcsin(x), np.arccos(x), np.arctan(x))
print(np.sinh(x), np.cosh(x))
y = np.linspace(0.5, 20.0, 6)
print(np.log2(y), np.log10(y), np.log1p(y), np.expm1(x), np.exp2(y))
print(np.arctan2(x, x[::-1]))
print(np.hypot(x, 2.0))
i = np.arange(-4, 5)
print(np.sign(i), np.sign(x), np.sign(np.array([-0.0, 0.0, np.nan, -np.inf])))
print(np.square(i), np.square(x), np.power(i, 2), np.power(x, 3))
print(np.clip(i, -2, 3), np.clip(x, -0.5, 0.25), np.clip(i, 0.5, 2.5))
r = np.array([0.5, 1.5, 2.5, -0.5, -1.5, 2.675, 1234.5678, -7.45])
print(np.round(r), np.round(r, 2), np.around(r, 1), np.round(r, -2), np.rint(r))
print(np.round(i, 1), np.floor(i), np.ceil(i), np.trunc(r))
special = np.array([1.0, np.inf, -np.inf, np.nan, 0.0])
print(np.isinf(special), np.isfinite(special), np.isnan(special), np.isinf(i), np.isfinite(i))
a = np.array([1.0, 2.0, 3.0, np.nan])
b = a + 1e-9
print(np.isclose(a, b), np.isclose(a, b, equal_nan=True), np.isclose(a, a + 0.01, rtol=0.01))
print(np.allclose(a[:3], b[:3]), np.allclose(a, b), np.allclose(a, b, equal_nan=True), np.allclose(a[:3], 2.0))
print(np.negative(i), np.positive(x), np.reciprocal(y), np.reciprocal(np.array([1, -1, 2, 0 + 3])))
print(np.logical_and(i > 0, i < 3), np.logical_or(i < -3, i > 3), np.logical_not(i))
print(np.fmax(a, 2.0), np.fmin(a, 2.0), np.add(i, 1), np.subtract(x, 1), np.multiply(i, i), np.divide(i, 4), np.mod(i, 3), np.floor_divide(i, 3))
print(np.float32(2.5) * np.ones(3, dtype=np.float32), np.sign(np.float32(-2.5)), np.square(np.arange(3, dtype=np.int32)))
# Scalars.
print(np.sign(-3.5), np.square(7), np.clip(5, 0, 3), np.round(2.675, 2), np.log10(1000.0), np.arctan2(1.0, 1.0))
print(np.isinf(np.inf), np.isfinite(3), np.isclose(1.0, 1.0 + 1e-10))
print(round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(0.125, 2), round(1234.5, -2), round(7), round(7, 2))
print(round(np.float64(2.675), 2), round(x[1], 3), round(np.float64(1.5)))
print(math.tan(0.5), math.asin(0.5), math.acos(0.5), math.atan(2.0), math.sinh(1.0), math.cosh(1.0))
print(math.log2(8.0), math.log10(0.001), math.log1p(1e-10), math.expm1(1e-10), math.atan2(1.0, -1.0), math.hypot(3.0, 4.0))
print(math.isnan(math.nan), math.isinf(-math.inf), math.isinf(1e308 * 10), math.isfinite(1.0), math.trunc(-2.7), math.trunc(2.7))
total = 0.0
for k in range(5):
    total += round(k * 0.35, 1)
print(total)
