# exit: 1
# stderr: exception
# np.histogram with given edges and weights (and range, which NumPy ignores then),
# np.average along an axis with weights (1-D along the axis, or of a's shape; lists),
# np.percentile/np.quantile of several quantiles at once, np.isin(invert=True).
import numpy as np

x = np.linspace(0.0, 1.0, 50) ** 2
w = np.arange(50.0) % 7
print(np.histogram(x, bins=[0, 0.1, 0.5, 1.0], weights=w))
print(np.histogram(x, bins=np.array([0.0, 0.25, 0.5, 0.75, 1.0]), weights=w, density=True))
print(np.histogram(x, bins=[0, 0.1, 0.5, 1.0], range=(0.2, 0.3)))
print(np.histogram(x * 4, bins=[0, 1, 2, 4], weights=np.ones(50, dtype=np.int64)))

d = np.array([1.0, 2.0, 4.0, 7.0])
print(np.average(d, weights=[1, 2, 3, 4]), np.average([1, 2, 3], weights=[3, 2, 1]))
m = np.arange(12.0).reshape(3, 4)
print(np.average(m, axis=0, weights=[1.0, 2.0, 3.0]))
print(np.average(m, axis=1, weights=np.array([4, 3, 2, 1])))
print(np.average(m, axis=-1, weights=m + 1), np.average(m, axis=0))
print(np.average(np.arange(6).reshape(2, 3), axis=1, weights=[1, 1, 2]))

print(np.percentile(x, [25, 50, 75]), np.quantile(x, (0.1, 0.9)))
print(np.percentile(m, [10, 90], axis=0))
print(np.quantile(m, [0.5], axis=1))

print(np.isin(np.arange(6), [1, 3, 4], invert=True), np.isin(m, np.array([2.0, 5.0]), invert=False))
print(np.isin(m, [0.0, 11.0], assume_unique=True, invert=True).sum())
print(np.average(m, axis=0, weights=[1.0, -1.0, 0.0]))
