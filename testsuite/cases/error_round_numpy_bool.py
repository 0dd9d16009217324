# exit: 1
# stderr: exception
# round() of a NumPy bool is a TypeError (Python's bool rounds to an int).
import numpy as np

x = np.array([0.25, 0.5])
print(round(True), round(False), round(True, 2), round(False, 0))
print(round(np.int64(7), 1), round(np.int32(7)), round(np.float32(2.5)))
print(round(np.max(x) < 1))
print("not reached")
