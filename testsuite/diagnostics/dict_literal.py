# Dicts are compile-time arguments of pandas calls, not values of their own.
import numpy as np

params = {"n": 10, "alpha": 0.5}
a = np.zeros(params["n"])
print(a)
