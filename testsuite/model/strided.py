# Strided stores and fresh pages for the performance model's tests (testsuite/tests/model.rs):
# a matrix filled column by column.
import numpy as np

n = 1000000
X = np.zeros((n, 4))
t = np.arange(n) * 1.0
for j in range(4):
    X[:, j] = t * 2.0
print(float(X[n - 1, 3]))
