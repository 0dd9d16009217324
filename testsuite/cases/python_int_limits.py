# Python ints near the ends of int64: every result here fits, so legatec's checked
# 64-bit ints print what CPython prints. NumPy integers keep NumPy's wrapping.
import math
import numpy as np

big = 2**62
print(big, (big - 1) * 2 + 1, 2**62 - 1 + 2**62, -2**62 * 2)
smallest = -9223372036854775808
largest = 9223372036854775807
print(smallest, largest, -largest - 1, smallest + largest)
print((-2) ** 63, (-8) ** 21, 3 ** 39, 7 ** 22, (-1) ** 1001, 0 ** 100, 1 ** 10000)
k = 63
print((-2) ** k, (-8) ** (k // 3), 3 ** (k - 24), 2 ** (k - 1), 0 ** k, (-1) ** (k * 3))
m = -largest - 1
print(m // 1, m % -1, m % 7, m // 7, m // 2, abs(m + 1), -(m + 1), m * 1, m - 0)
print(largest // -1, largest * -1, abs(largest), 3037000499 * 3037000499)
n = largest
n -= 1
n += 1
print(n, n // 3 * 3 + n % 3)
print(abs(True), abs(False), abs(-3), abs(-2.5))
# int() of floats that fit (truncation towards zero).
print(int(9.2e18), int(-9.223372036854775808e18), int(2.5), int(-2.5), int(-0.5))
x = 4.5e18
y = -x * 2
print(int(x), int(y), int(math.floor(-x)))
# NumPy integers wrap as NumPy's do.
w = np.int64(big)
print(w * 4, w + w + w, np.array([big, -big]) * 4)
