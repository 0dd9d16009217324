# legatec: ValueError: legatec: NumPy makes an empty list a float64 array of shape (0,); this list was compiled for int64 items
# NumPy makes an empty list a float64 array whatever it held before: legatec stops rather than
# print another dtype (this list was compiled for ints).
import numpy as np

ys = []
ys.append(3)
print(np.array(ys).dtype)
ys.pop()
print(np.array(ys).dtype)
