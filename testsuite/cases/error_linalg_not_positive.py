# exit: 1
# stderr: exception
# The Cholesky factor of a matrix that is not positive definite raises LinAlgError.
import numpy as np

a = np.array([[1.0, 2.0], [2.0, 1.0]])
print(np.linalg.cholesky(a))
