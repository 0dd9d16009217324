# exit: 1
# stderr: exception
# Generator.binomial with a NaN p: NumPy's ValueError, before any draw of the fill.
import numpy as np

rng = np.random.default_rng(2)
p = np.nan * rng.random()
print(rng.binomial(100, 0.45, size=(4, 4)))
print(rng.binomial(100, p, size=(4, 4)))
