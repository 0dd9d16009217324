# exit: 1
# stderr: exception
# np.pad(mode="edge") of an empty axis: NumPy's ValueError.
import numpy as np

print(np.pad(np.ones(2), 1, mode="edge"))
print(np.pad(np.zeros(0), 1, mode="edge"))
