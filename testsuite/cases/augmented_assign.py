# rtol: 1e-12
# Augmented assignment on arrays, views and scalars.
import numpy as np

x = np.zeros(5)
p = np.arange(5) * 1.0
alpha = 0.5
x += alpha * p
print(x)
x -= 1.0
print(x)
x *= np.array([1.0, -1.0, 2.0, -2.0, 0.5])
print(x)
x /= 4.0
print(x)
a = np.arange(8) * 1.0
a[1:-1] *= 2
print(a)
a[::2] += 100
print(a)
a[-3:] -= a[:3]
print(a)
k = np.arange(6)
k //= 2
print(k)
k %= 2
print(k)
k **= 3
print(k)
k += 7
print(k)
g = np.ones((3, 4))
g[1, :] += np.arange(4) * 1.0
g[:, 2] *= 10.0
g[2, 3] -= 0.25
print(g)
s = 0.0
for i in range(10):
    s += 0.1
print(s)
