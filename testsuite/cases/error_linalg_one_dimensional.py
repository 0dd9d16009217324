# exit: 1
# stderr: exception
# A vector given where np.linalg wants a matrix: NumPy's LinAlgError where the program reaches the call.
import numpy as np

v = np.arange(3.0)
print(v)
print(np.linalg.inv(v))
print("not reached")
