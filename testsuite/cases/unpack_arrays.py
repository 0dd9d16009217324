# exit: 1
# stderr: exception
# args:
# args: 4
# Unpacking an array into names iterates over its first axis: rows of a 2-D array
# (`x, y = pts.T`), elements of a 1-D one, planes of a 3-D one; the row count is checked
# when running with Python's ValueError (too many, or not enough with the count got).
import sys

import numpy as np

pts = np.arange(12.0).reshape((6, 2)) * 1.5
x, y = pts.T
print(x, y, np.sum(x * y))
a, b, c = np.array([3, 1, 4])
print(a + b * c)
p, q = np.ones((2, 3, 4)) * np.arange(4.0)
print(p.shape, np.sum(p - q))
n = int(sys.argv[1]) if len(sys.argv) > 1 else 2
u, v, w = np.zeros(n)
print(u, v, w)
