# exit: 1
# stderr: exception
# A ufunc's accumulate takes one axis: axis=None is NumPy's ValueError (not a flattened scan).
import numpy as np

m = np.ones((2, 3))
print(np.add.accumulate(m, axis=1))
print(np.maximum.accumulate(m, axis=None))
