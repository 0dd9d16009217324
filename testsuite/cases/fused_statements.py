# rtol: 1e-12
# Chains of statements over one iteration space, temporaries reused, and in-place
# updates that read what they write (NumPy evaluates the right side first).
import numpy as np

n = 1000
x = np.linspace(0.0, 2.0, n)
a = np.sin(x)
b = np.cos(x)
t1 = a * a + b * b
t2 = t1 - 1.0
t3 = np.maximum(t2, -1e-15) * 1e15
print("identity error bound:", np.max(np.abs(t3)) < 10.0)
c = a + b
d = c * c - 2.0 * a * b
print(np.sum(d), np.min(d), np.max(d))
e = np.zeros(n)
e[:] = a
e[1:] = e[1:] + e[:-1]
print(np.sum(e), e[1], e[n - 1])
f = np.arange(10) * 1.0
f[:-1] = f[1:] + f[:-1]
print(f)
g = np.arange(10) * 1.0
g[1:] += g[:-1]
print(g)
h = np.arange(10) * 1.0
h[::-1] = h
print(h)
k = np.arange(12) * 1.0
k[2:] = k[:-2] * 10.0
print(k)
