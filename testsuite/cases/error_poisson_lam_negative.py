# exit: 1
# stderr: exception
# Generator.poisson of a negative lam computed at run time: NumPy's ValueError after
# the draws printed before it (an array fill split over ranks checks on every rank).
import numpy as np

rng = np.random.default_rng(5)
print(rng.poisson(3.0, size=(9, 2)))
lam = 2.0
for i in range(3):
    lam -= 0.8
    print(rng.poisson(lam, size=(6, 4)).sum())
