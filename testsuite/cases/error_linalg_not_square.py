# exit: 1
# stderr: exception
# Inverting a matrix that is not square raises LinAlgError.
import numpy as np

a = np.ones((2, 3))
print(a.sum())
print(np.linalg.inv(a))
