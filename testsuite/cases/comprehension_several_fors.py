# List comprehensions with several `for`s building arrays: a product of two ranges, an
# inner range that depends on the outer target, filters after either `for`, pairs as
# rows, array items, iteration over array elements, nested comprehensions making 2-D
# arrays, enough items to grow the rows several times, and len() of one.
import numpy as np

n = 4
print(np.array([[i * j + 1.0 for j in range(3)] for i in range(n)]))
print(np.array([i + j for i in range(3) for j in range(2)]))
c = np.array([i * 10 + j for i in range(5) for j in range(i) if (i + j) % 2 == 0])
print(c, c.shape, c.dtype)
print(np.array([[i, j] for i in range(3) for j in range(i, 3)]))
print(np.array([x * y for x in np.arange(3.0) if x > 0 for y in np.arange(2.0, 4.0)]))
print(np.array([np.ones(2) * (i + j) for i in range(2) for j in range(2)]))
print(len([k for k in range(7) for m in range(k)]))
big = np.array([i * 1000 + j * 10 + k for i in range(6) for j in range(i + 1) for k in range(3) if k != 1])
print(big.shape, big.sum(), big[:5], big[-3:])
grid = np.array([[np.sin(i * 0.5) * np.cos(j * 0.25) for j in range(5)] for i in range(6)])
print(grid.shape, np.round(grid, 6))
w = np.linspace(0.0, 1.0, 5)
print(np.array([a * b for a in w for b in w if a < b]))
