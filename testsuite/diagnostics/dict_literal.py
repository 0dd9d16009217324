# Dictionaries are not supported.
import numpy as np

params = {"n": 10, "alpha": 0.5}
a = np.zeros(10)
print(a)
