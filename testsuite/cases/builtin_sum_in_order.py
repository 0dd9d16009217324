# rtol: 0
# Python's sum of a float vector adds the items in order from its start, as CPython does,
# not pairwise as np.sum: 1e16 + 1 + ... + 1 - 1e16 is 0.0 (np.sum gives 188.0), and a
# Python-number start is the first term (sum(x, 5) is 4.0 here); exact at any rank count.
# Also float32 items (float32 sums), a float start on an empty vector, integer vectors and
# the rows of a matrix.
import numpy as np

x = np.ones(202)
x[0] = 1e16
x[-1] = -1e16
print(sum(x), sum(x, 5), sum(x, 0.5), sum(np.zeros(0), 2.5), sum(x * 1.0))
y = np.linspace(0.1, 1.0, 1000) ** 3
print(sum(y), sum(y.astype(np.float32)), sum(y.astype(np.float32), 0.25), sum(np.arange(10)))
m = np.arange(12.0).reshape(3, 4)
print(sum(m), sum(v for v in y), sum(-np.zeros(3)))
