# whitespace: exact
# Elementwise arithmetic on integer arrays: floor division and modulo with
# negative operands, true division gives float64, int32 stays int32.
import numpy as np

a = np.array([17, -17, 17, -17, 0, 5])
b = np.array([5, 5, -5, -5, 3, 1])
print(a + b, (a + b).dtype)
print(a - b)
print(a * b)
print(a / b, (a / b).dtype)
print(a // b)
print(a % b)
print(a ** 2)
print(b ** 3)
print(-a)
print(a // 4, a % 4, a % -4)
print(100 // b, 100 % b)
c = np.arange(6, dtype=np.int32)
print(c * 3 - 2, (c * 3 - 2).dtype)
print(c // 2, (c // 2).dtype)
print(c / 2, (c / 2).dtype)
print(c + a, (c + a).dtype)
print(c * 1.5, (c * 1.5).dtype)
n = np.arange(1, 8)
print(2 ** n)
print(n ** n)
