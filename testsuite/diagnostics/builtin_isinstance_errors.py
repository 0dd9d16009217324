# isinstance against what legatec cannot test (a NumPy function, a number) (tuple() of a
# shape and list() of a range compile), pow with a modulus, np.ix_ of a 2-D or a
# float sequence, and np.triu_indices_from of a 1-D array.
import numpy as np

a = np.arange(3.0)
print(isinstance(a, np.sum))
print(isinstance(a, 3))
print(tuple(a.shape), list(range(3)))
print(pow(2, 3, 5))
print(np.ix_(np.ones((2, 2), dtype=np.int64), [0]))
print(np.ix_([0.5, 1.5]))
print(np.triu_indices_from(a))
