# whitespace: exact
# Comparisons give bool arrays; & | ~ combine them; sums count them.
import numpy as np

a = np.arange(8)
b = np.array([3, 1, 4, 1, 5, 9, 2, 6])
print(a < b)
print(a <= b)
print(a > 3)
print(a >= b)
print(a == b)
print(a != b)
m = (a > 1) & (b < 6)
print(m)
print((a < 2) | (b > 5))
print(~m)
print(~(a == 3) & (b != 1))
print(np.sum(m), np.sum(~m), m.sum())
x = np.linspace(-1.0, 1.0, 5)
print(x > 0.0, x <= -0.5)
print(2.5 < x)
i = np.arange(4, dtype=np.int32)
print(i == 2, (i == 2).dtype)
print(np.sum(a > 2) * 10)
