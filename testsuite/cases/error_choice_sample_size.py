# exit: 1
# choice without replacement of more samples than the population raises NumPy's
# ValueError after what was printed before it.
import numpy as np

rng = np.random.default_rng(8)
n = int(rng.integers(3, 4))
print(rng.choice(n, 2, replace=False))
print(rng.choice(n, n + 2, replace=False))
