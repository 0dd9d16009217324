# exit: 1
# choice of an empty population with samples requested raises NumPy's ValueError after the
# draws before it (no samples of an empty population is allowed).
import numpy as np

rng = np.random.default_rng(2)
n = int(rng.integers(0, 1))
print(rng.choice(n + 3, 2), rng.choice(n, 0))
print(rng.choice(n, 2))
