# exit: 1
# stderr: exception
# Generator.binomial with p above 1 (computed at run time): NumPy's ValueError, checked
# before n; p of exactly 0 and 1 still draw.
import numpy as np

rng = np.random.default_rng(1)
print(rng.binomial(10, 1.0, size=3), rng.binomial(10, 0.0, size=3), rng.binomial(10, 1.0))
p = 0.75
for i in range(3):
    p += 0.125
    print(rng.binomial(40 - 50 * (i // 2), p, size=(7, 2)).sum())
