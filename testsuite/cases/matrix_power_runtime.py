# np.linalg.matrix_power with a power known only at run time (NumPy's products).
import sys

import numpy as np

A = np.array([[1.0, 0.5, 0.0], [0.25, 1.0, 0.5], [0.0, 0.25, 1.0]])
M = np.array([[1, 1], [1, 0]])
k = len(sys.argv)
for p in [0, 1, 2, 3, 5, 12]:
    n = p * k
    print(n, np.linalg.matrix_power(A, n)[0], np.linalg.matrix_power(M, n))
for p in [1, 2, 7]:
    print(-p, np.linalg.matrix_power(A, -p * k))
B = np.linalg.matrix_power(A.astype(np.float32), 4 * k)
print(B.dtype, B[1])
