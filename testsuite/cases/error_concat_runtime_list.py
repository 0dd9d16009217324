# exit: 1
# stderr: exception
# Arrays of a runtime list joined along axis 0 whose other lengths differ: NumPy's ValueError.
import numpy as np
parts = []
for k in range(1, 4):
    parts.append(np.ones((k, 2 if k < 3 else 3)))
print(len(parts))
print(np.concatenate(parts))
