# exit: 1
# stderr: exception
# Generator.poisson(nan) with size=None: NumPy's ValueError (lam < 0 or lam is NaN).
import numpy as np

rng = np.random.default_rng(5)
lam = np.sqrt(np.float64(-1.0) * rng.integers(1, 3))
print(rng.poisson(12.0), lam)
print(rng.poisson(lam))
