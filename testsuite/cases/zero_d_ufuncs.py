# Functions of 0-d arrays are the NumPy scalars NumPy returns (np.clip, np.where, ufuncs of
# a 0-d array and scalars); these were dropped silently before the compiler checked that
# every error value has a diagnostic.
import numpy as np

x = np.array(2.0)
print(np.where(x > 1, x, 0.0), np.where(x < 1, 5, x))
print(np.clip(x - 1, 0, 3), np.abs(-x), np.maximum(x, np.array(1.0)), np.sqrt(x))
k = np.array(7)
print(np.minimum(k, 3), np.where(k > 5, k, -1))
