# Intermediates that must stay in memory: each is read again after its consumer, or by two
# statements, or broadcast by its consumer (the producer would be recomputed per element).
import numpy as np

n = 8
a = np.linspace(0.0, 1.0, n)
b = np.ones(n)

t = a + b
u = 2.0 * t
print(t[1], u[1])

p = a * 3.0
q = p + 1.0
r = p - 1.0
print(q[2], r[2])

m = np.ones((4, n))
row = a * 2.0
s = m + row
print(s[0, 0])

for k in range(3):
    c = a + k
    d = c * 2.0
print(c[0], d[0])
