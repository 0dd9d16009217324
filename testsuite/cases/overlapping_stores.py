# rtol: 1e-12
# Stores whose destination overlaps what they read, large enough for the runtime to
# split them into row blocks and parallel chunks (written back only once no row still
# to compute reads them): shifts both ways in 1-D and 2-D, along rows and columns, a
# reversal, an in-place stencil, and the heat loop whose new array is only copied back
# (`work`, forwarded into `center`) with its fused reduction; also the same loop where
# `work` is read afterwards, which keeps its own array.
import numpy as np

n = 100003
a = np.arange(n, dtype=np.float64) * 0.5
a[1:] = a[:-1] * 2.0 + 1.0
print(a[:4], a[-3:], np.sum(a))
a[:-1] = a[1:] - 3.0
print(a[:4], a[-3:], np.sum(a))
a[:] = a[::-1]
print(a[:4], a[-3:], np.sum(a))
a[3:] = a[:-3] + a[2:-1]
print(a[:6], np.sum(a))

rows, cols = 301, 517
g = np.zeros((rows, cols)) + (np.arange(cols) % 97.0)
g[::7, :] += 5.0
g[:, ::5] -= 2.0
g[1:, :] = g[:-1, :] + 0.25
print(g[:3, :3], np.sum(g))
g[:-2, :] = g[2:, :] * 0.5
print(g[-3:, -3:], np.sum(g))
g[:, 1:] = g[:, :-1] - 1.0
print(g[:2, :4], np.sum(g))
g[1:-1, 1:-1] = 0.25 * (g[:-2, 1:-1] + g[2:, 1:-1] + g[1:-1, :-2] + g[1:-1, 2:])
print(g[5, :5], np.sum(g))
g[::-1, :] = g + 1.0
print(g[0, :3], g[-1, :3], np.sum(g))

grid = np.zeros((402, 302))
grid[0, :] = 40.0
grid[:, -1] = -10.0
center = grid[1:-1, 1:-1]
north = grid[0:-2, 1:-1]
south = grid[2:, 1:-1]
east = grid[1:-1, 2:]
west = grid[1:-1, 0:-2]
for it in range(20):
    work = 0.2 * (center + north + south + east + west)
    delta = np.sum(np.absolute(work - center))
    center[:] = work
print("delta:", delta, "sum:", np.sum(grid), grid[1, 1:5])

for it in range(3):
    work = 0.2 * (center + north + south + east + west)
    center[:] = work
print("work kept:", np.sum(work), np.sum(grid))

f = np.ones((200, 700), dtype=np.float32)
f[1:, 1:] = f[:-1, :-1] * np.float32(1.5) + f[1:, :-1]
print(f[:3, :3], np.sum(f.astype(np.float64)))
m = np.arange(120000, dtype=np.int64)
m[2:] = m[:-2] * 3 - m[1:-1]
print(m[:5], m[-2:], np.sum(m))
