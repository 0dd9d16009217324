# exit: 1
# A random call with invalid parameters raises NumPy's ValueError after the
# output printed before it.
import numpy as np

rng = np.random.default_rng(3)
print(rng.integers(0, 5, size=4))
n = rng.integers(0, 5)
scale = n - 10.0
print(rng.normal(0.0, scale))
