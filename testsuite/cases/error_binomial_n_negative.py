# exit: 1
# stderr: exception
# Generator.binomial with a negative n: NumPy's ValueError "n < 0" (size=None too).
import numpy as np

rng = np.random.default_rng(1)
n = rng.integers(0, 3)
print(rng.binomial(n, 0.5), n)
print(rng.binomial(n - 5, 0.5))
