# exit: 1
# choice with probabilities that do not sum to 1 raises NumPy's ValueError.
import numpy as np

rng = np.random.default_rng(8)
w = np.array([0.25, 0.25, 0.25, 0.25])
print(rng.choice(4, 3, p=w))
w[0] = 0.5
print(rng.choice(4, 3, p=w))
