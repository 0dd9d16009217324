# exit: 1
# stderr: exception
# np.delete of a float position or a boolean scalar: NumPy's errors.
import numpy as np
a = np.arange(6.0)
print(np.delete(a, [1, 2]))
print(np.delete(a, 2.0))
