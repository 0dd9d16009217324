# Python ints against Python floats beyond 2**53: compared exactly (not through a float),
# and `int / int` rounded once, as CPython does; with constants and with values made when
# running (so both the folded and the compiled paths run).
import numpy as np

two = int(np.arange(4)[2])
n = 2 ** 53 + 1
m = two ** 53 + 1
f = 2.0 ** 53
g = float(two) ** 53
print(n == f, n > f, n < f, n >= f, n != f, f < n, f == n)
print(m == g, m > g, m < g, m >= g, m <= g, g < m, g == m, g >= m)
big = 9223372036854775807
bigr = two ** 62 + (two ** 62 - 1)
print(big < 9.223372036854775807e18, big == 2.0 ** 63, bigr < g * 1024.0, bigr == g * 1024.0)
low = -bigr - 1
print(low == -2.0 ** 63, low < -2.0 ** 63, low <= -g * 1024.0, low > -g * 1024.0 - 4096.0)
nan = float("nan")
print(3 < 3.5, 3 == 3.0, -1 > -1.5, two < nan, two != nan, two == nan, nan >= two)
print(two + 1 > 2.5, two < 2.0000000000000004, two == 2.0, -two < -1.9999999999999998)
a = 3706778661852469502
ar = int(np.int64(3706778661852469502) + two - 2)
print(a / 239877, -a / 239877, a / -7, 1 / 3, 10 / 4, 7 / 2, (2 ** 62 + 1) / 2 ** 62)
print(ar / 239877, -ar / 239877, ar / -7, 1 / (two + 1), ar / two, (ar + 1) / (two ** 62))
for k in range(1, 6):
    print(ar / (k * 12345), (ar + k) / 3, k / (ar - k), (two ** 60 + k) / (two ** 58 + 3))
print(9007199254740993 / 1, m / 1, m / 3, (m * 3) / 3, -m / 5)
print(min(m, g), max(m, g), min(g, m), max(g, m))
i = 0
k = two + 5
while i / k < 0.5:
    i += 1
print(i, [j / k for j in range(5) if j / k > 0.2])
t = 0.0
count = 0
while t < two + 1:
    t += 0.7
    count += 1
print(count, t, two + 1 < t, t > two + 1)
