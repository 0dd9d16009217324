# np.lexsort of 1-D keys: sorted by the last key, ties by the ones before (NumPy's stable
# order); records by surname then first name, integer and float keys, one key, ties kept.
import numpy as np

a = np.array([3, 1, 2, 3, 1])
b = np.array([9, 8, 7, 6, 5])
print(np.lexsort((b, a)), np.lexsort([a, b]), np.lexsort((a,)))
rng = np.random.default_rng(4)
x = rng.integers(0, 3, 12)
y = rng.integers(0, 2, 12)
z = rng.random(12).round(1)
order = np.lexsort((z, x, y))
print(order)
print(np.column_stack([y[order], x[order], z[order]]))
ties = np.lexsort((np.zeros(5), np.array([1, 0, 1, 0, 1])))
print(ties)
