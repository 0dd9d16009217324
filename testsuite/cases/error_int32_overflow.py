# exit: 1
# stderr: exception
import numpy as np

a = np.array([1, 2], dtype=np.int32)
print(a * 2)
print(a * 2**31)
