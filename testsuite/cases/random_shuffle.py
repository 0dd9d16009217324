# Generator.shuffle and np.random.shuffle in place: 1-D, rows of 2-D, a view (its base
# changes), NumPy's draws; split over ranks.
import numpy as np
rng = np.random.default_rng(4)
x = np.arange(10.0)
rng.shuffle(x)
print(x)
m = np.arange(12).reshape(4, 3)
rng.shuffle(m)
print(m)
np.random.seed(2)
y = np.arange(7)
np.random.shuffle(y)
print(y, np.random.rand())
v = np.arange(20)
w = v[5:15]
rng.shuffle(w)
print(v)
big = np.arange(5000.0).reshape(1000, 5)
rng.shuffle(big)
print(big[:3], big[:, 0].sum())
