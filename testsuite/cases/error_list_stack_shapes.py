# exit: 1
# stderr: exception
# np.array of a list of arrays of different shapes: NumPy's ValueError.
import numpy as np

parts = []
for n in range(3):
    parts.append(np.ones(n + 1))
print(len(parts))
print(np.array(parts))
