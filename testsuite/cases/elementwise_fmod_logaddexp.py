# np.fmod (C fmod: the dividend's sign; integer zero divisors give 0), np.signbit,
# np.copysign, np.nextafter, np.logaddexp, np.logaddexp2 (NumPy's stable forms).
import numpy as np

a = np.array([5.5, -5.5, 7.0, -0.0, 3.0, np.inf, np.nan, 1e-20])
b = np.array([2.0, 2.0, -3.0, 1.0, 0.0, 2.0, 1.0, -1.0])
print(np.fmod(a, b), np.fmod(a, 1.5), np.fmod(-7.25, 2), np.fmod(a.astype(np.float32), np.float32(2)))
i = np.array([7, -7, 7, -7, 5, -9223372036854775808, 0])
j = np.array([3, 3, -3, -3, 0, -1, 4])
print(np.fmod(i, j), np.fmod(i, 2), np.fmod(5, 3), np.fmod(np.int8(-7), np.int8(2)))
print(np.fmod(np.array([1, 2, 250], dtype=np.uint8), 3), np.fmod(np.array([True, False]), np.array([True, True])))
print(np.fmod(np.arange(-4, 5, dtype=np.int16), np.int16(3)).dtype, np.fmod(i, 2.5))
print(np.signbit(a), np.signbit(-0.0), np.signbit(np.array([-1, 0, 3])), np.signbit(np.array([True])))
print(np.signbit(np.array([np.inf]) - np.inf), np.signbit(np.float32(-2)), np.signbit(np.array([1, 2], dtype=np.uint16)))
print(np.copysign(a, -1.0), np.copysign(np.array([1, 2]), -1), np.copysign(3.0, b), np.copysign(np.float32(2), -0.0))
print(np.nextafter(1.0, 2.0) - 1.0, np.nextafter(np.float32(1), 2), np.nextafter(0.0, -1), np.nextafter(a, 0.0))
x = np.array([1.0, 2.0, -np.inf, np.inf, 1000.0, -1000.0, np.nan, -745.0])
y = np.array([3.0, 2.0, -np.inf, np.inf, 1000.5, 1.0, 1.0, -746.0])
print(np.logaddexp(x, y), np.logaddexp2(x, y), np.logaddexp(np.array([1, 2]), 3), np.logaddexp2(1, 3))
c = np.zeros(8)
np.logaddexp(x, y, out=c)
print(c, np.fmod(i, j, out=np.zeros(7, dtype=np.int64)))
