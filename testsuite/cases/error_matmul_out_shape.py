# exit: 1
# np.matmul with an `out` of another shape than the product: ValueError (NumPy's message
# names the gufunc signature, legatec's the axis, so stderr is not compared).
import numpy as np

A = np.ones((3, 4))
C = np.empty((3, 3))
np.matmul(A, A.T, out=C)
print(C.sum())
D = np.empty((3, 2))
np.matmul(A, A.T, out=D)
print(D)
