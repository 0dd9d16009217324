# NumPy 2 (NEP 50): a Python int meets int32 values exactly in comparisons, and converts to
# int32 only when it fits.
import numpy as np

a = np.array([1, -2, 3], dtype=np.int32)
print(a == 2**40, a < 2**40, a > -2**40, a + (-2**31), a * 3)
big = 2**40
print(a != big, np.int32(7) < big, a[0] == big)
a[1] = -2**31
print(a)
