# np.diag of a vector off the main diagonal (k positive and negative, by position and
# keyword): a tridiagonal matrix built from three, integer and boolean vectors.
import numpy as np
v = np.arange(1.0, 5.0)
print(np.diag(v, 1), np.diag(v, k=-2), np.diag(v, k=0))
n = 6
A = np.diag(-np.ones(n - 1), 1) + np.diag(2 * np.ones(n)) + np.diag(-np.ones(n - 1), -1)
print(A, np.diag(A, 1), np.diag(A, k=-1))
print(np.diag(np.arange(3), 2).dtype, np.diag(np.array([True, False]), -1))
