# exit: 1
# stderr: exception
# np.nanpercentile with a percentile above 100 (computed at run time): NumPy's ValueError.
import numpy as np

a = np.array([[1.0, np.nan, 3.0], [4.0, 5.0, np.nan]])
q = 95.0
for i in range(3):
    print(np.nanpercentile(a, q, axis=1))
    q += 4.0
