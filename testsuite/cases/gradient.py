# rtol: 1e-13
# np.gradient with uniform spacing: 1-D, 2-D and 3-D arrays, every axis (a tuple of
# arrays) or the ones asked for (an int, a tuple, negative), one spacing for all or one
# per axis, edge orders 1 and 2, int input (float64 result), float32 kept, and the
# smallest arrays each edge order accepts; rows split over ranks.
import numpy as np

x = np.linspace(0.0, 3.0, 41)
y = np.sin(x) * x ** 2
print(np.gradient(y))
print(np.gradient(y, 0.075))
print(np.gradient(y, 0.075, edge_order=2))

n, m = 37, 23
a = np.cos(np.arange(n * 1.0)[:, None] * 0.3) * np.arange(m * 1.0)[None, :] ** 1.5
gy, gx = np.gradient(a)
print(np.sum(gy), np.sum(gx), gy[0, :4], gx[-1, -4:])
g = np.gradient(a, 2.0, 0.5, edge_order=2)
print(g[0][5, :3], g[1][-1, :3], np.sum(g[0] * g[1]))
print(np.gradient(a, axis=0)[:3, :3])
print(np.gradient(a, 0.25, axis=-1)[-3:, -3:])
t = np.gradient(a, axis=(1, 0))
print(np.sum(t[0]), np.sum(t[1]))

i = (np.arange(60) % 7) * (np.arange(60) % 5)
print(np.gradient(i), np.gradient(i).dtype)
f32 = np.arange(50, dtype=np.float32) ** 2
print(np.gradient(f32, edge_order=2)[:5], np.gradient(f32).dtype)

c = np.arange(4 * 5 * 6, dtype=np.float64) ** 1.1
c3 = c.reshape((4, 5, 6))
d0, d1, d2 = np.gradient(c3, 1.0, 2.0, 3.0)
print(np.sum(d0), np.sum(d1), np.sum(d2))
print(np.gradient(np.array([1.0, 4.0])), np.gradient(np.array([1.0, 4.0, 9.0]), edge_order=2))
