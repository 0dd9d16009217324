# Located errors of session 30's additions, all reported in one compile: choice along
# another axis, choice without replacement with probabilities, a float ufunc.at into an int
# array, maximum.at of wider ints, polyfit with full=True and of 2-D x, vander of a 2-D
# array, a Python complex to a variable power, shuffle of a number.
import numpy as np

rng = np.random.default_rng(1)
m = np.arange(12.0).reshape(3, 4)
print(rng.choice(m, 2, axis=1))
print(rng.choice(5, 2, replace=False, p=[0.2, 0.2, 0.2, 0.2, 0.2]))
counts = np.zeros(4, dtype=np.int64)
np.add.at(counts, [0, 1], 1.5)
small = np.zeros(4, dtype=np.int32)
np.maximum.at(small, [0, 1], np.array([5, 6]))
x = np.linspace(0.0, 1.0, 5)
print(np.polyfit(x, x, 1, full=True))
print(np.polyfit(m, m, 1))
print(np.vander(m))
e = float(x[1])
print((1 + 2j) ** e)
rng.shuffle(3)
