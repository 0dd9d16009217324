# exit: 1
# stderr: exception
# np.iinfo of a float dtype: NumPy's ValueError.
import numpy as np

print(np.finfo(np.float32).bits)
print(np.iinfo(np.float64).max)
