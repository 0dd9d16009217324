# exit: 1
# stderr: exception
# `a.shape = ...` where the elements cannot be walked in the new shape without a copy (a
# transpose flattened): NumPy's AttributeError.
import numpy as np

a = np.arange(6.0).reshape(2, 3).T
print(a.reshape(6))
a.shape = 6
print(a)
