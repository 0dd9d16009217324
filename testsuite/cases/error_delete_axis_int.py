# exit: 1
# stderr: exception
# np.delete of one position past an axis: NumPy's IndexError naming that axis.
import numpy as np
m = np.arange(12).reshape(3, 4)
print(np.delete(m, 3, axis=1))
print(np.delete(m, -5, axis=1))
