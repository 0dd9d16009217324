# exit: 1
# stderr: exception
# np.delete of a boolean scalar: NumPy's ValueError (a mask must be 1-D and match the axis).
import numpy as np
a = np.arange(6.0)
print(np.delete(a, np.array([False, True, False, False, False, True])))
print(np.delete(a, True))
