# exit: 1
# stderr: exception
# np.percentile of a bool array: NumPy's TypeError (legatec printed a number).
import numpy as np

m = np.arange(10) % 4 == 0
print(np.median(m))
print(np.percentile(m, 50))
