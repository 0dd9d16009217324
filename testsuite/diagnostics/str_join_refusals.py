# `str.join` of items that are not strings (Python's TypeError), and of a string.
import numpy as np

a = np.arange(3)
print(", ".join([1, 2]))
print(", ".join(v for v in a))
print("-".join("abc"))
