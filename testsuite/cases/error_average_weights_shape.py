# exit: 1
# stderr: exception
# np.average along an axis with 1-D weights of another length than the axis: NumPy's ValueError.
import numpy as np

m = np.arange(12.0).reshape(3, 4)
print(np.average(m, axis=1, weights=[1.0, 2.0, 3.0, 4.0]))
print(np.average(m, axis=0, weights=[1.0, 2.0]))
