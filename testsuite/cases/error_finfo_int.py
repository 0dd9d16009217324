# exit: 1
# stderr: exception
# np.finfo of an integer dtype: NumPy's ValueError.
import numpy as np

print(np.iinfo(np.uint8).max)
print(np.finfo(np.int64).eps)
