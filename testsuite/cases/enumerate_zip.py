# enumerate(zip(...)) with the items unpacked (`for i, (x, y) in ...`), a start, rows of a
# 2-D array, in a comprehension.
import numpy as np
a = np.arange(4.0)
b = np.arange(10, 14)
for i, (x, y) in enumerate(zip(a, b)):
    print(i, x, y)
for i, (x, y, z) in enumerate(zip(range(3), [5, 6, 7], a), start=1):
    print(i, x, y, z)
tot = 0.0
for k, (r, c) in enumerate(zip(np.ones((3, 2)), a)):
    tot += r.sum() * c + k
print(tot)
print(np.array([x * i for i, (x, y) in enumerate(zip(a, b))]))
