# exit: 1
# stderr: exception
# Generator.poisson above NumPy's largest lam (the largest int64 less ten of its square
# roots): its ValueError "lam value too large"; the largest lam below it still draws.
import numpy as np

rng = np.random.default_rng(8)
print(rng.poisson(9.2e18, size=2))
big = 9.3e18 + rng.integers(0, 2)
print(rng.poisson(big, size=(5, 3)))
