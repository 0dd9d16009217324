# exit: 1
# stderr: exception
# np.nanargmax of a slice of NaNs: NumPy's ValueError.
import numpy as np

m = np.array([[1.0, np.nan], [2.0, np.nan]])
print(np.nanargmax(m, axis=1), np.nanargmin(m[:, 0]))
print(np.nanargmax(m, axis=0))
