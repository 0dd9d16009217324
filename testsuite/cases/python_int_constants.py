# Python int constants beyond 64 bits are exact where the compiler can keep them constant
# (printed, compared, folded) and become floats where Python makes them floats.
import numpy as np

print(2**63, -2**63, 2**64 - 1, 10**30, -(2**70), 2**64 // 3, 2**64 % 7, (2**64) // -3, -(2**64) % 7)
x = 2.0
print(x * 10**30, 10**30 / 7, 2**70 > x, 2**64 > 5, float(2**64), 2**64 * 0.5)
n = 5
print(n < 2**63, n == 2**64, -2**63 - 1 < n, 2**64 != n, 2**64 == 2**64)
big = 2**65
print(big, big * x, big - 2**65, np.array([3.0, 10**30], dtype=np.float64))
