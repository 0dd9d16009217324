# exit: 1
# A negative gamma shape raises NumPy's ValueError after the draws before it.
import numpy as np

rng = np.random.default_rng(3)
print(rng.gamma(2.0, size=3))
shape = 1.0
for i in range(3):
    shape -= 0.75
    print(rng.gamma(shape, 2.0, size=2))
