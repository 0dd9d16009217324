# whitespace: exact
# Elementwise arithmetic on float64 arrays, with arrays and scalars on either side.
import numpy as np

a = np.array([7.5, -7.5, 2.0, -0.5, 3.0, 10.0])
b = np.array([2.0, 2.0, -3.0, 0.25, -4.0, 3.0])
print(a + b)
print(a - b)
print(a * b)
print(a / b)
print(a // b)
print(a % b)
print(a ** 2)
print(b ** b)
print(-a)
print(2.0 * a - 1)
print(1.0 / b)
print(10 // b, 10 % b)
print(a % 2.5)
print(2 ** b)
x = np.linspace(0.0, 1.0, 5)
print(x * x - x + 0.25)
print((x + 1) / (x + 2))
