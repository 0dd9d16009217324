# exit: 1
# stderr: exception
# np.insert of a Python int that a uint8 array cannot hold: NumPy's OverflowError.
import numpy as np

a = np.zeros(3, dtype=np.uint8)
print(np.insert(a, 1, 255))
print(np.insert(a, 1, 300))
