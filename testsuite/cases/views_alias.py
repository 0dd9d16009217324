# whitespace: exact
# Views alias their base: writes through a view change the base and other views.
import numpy as np

grid = np.zeros((5, 5))
center = grid[1:-1, 1:-1]
top = grid[0, :]
left_col = grid[:, 0]
work = np.ones((3, 3)) * 2.0
center[:] = work
print(grid)
top[:] = 7.0
print(grid[0])
left_col[1:4] = -1.0
print(grid)
print(center)
center[0, 0] = 99.0
print(grid[1, 1])
v = grid[::2, ::2]
v[:] = 5.0
print(grid)
a = np.arange(8)
b = a[2:6]
c = b[::-1]
c[0] = 100
print(a, b, c)
b += 1
print(a)
d = a[::2]
d *= -1
print(a, d)
e = a.copy()
e[0] = 55
print(a[0], e[0])
row = grid[2]
row[:] = row * 10.0
print(grid[2])
