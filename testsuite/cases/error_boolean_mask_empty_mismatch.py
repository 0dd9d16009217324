# exit: 1
# stderr: exception
# A boolean mask axis of extent 0 matches any extent, but other extents must match.
import numpy as np

c = np.arange(24.0).reshape(2, 3, 4)
print(c[np.zeros((0, 3), dtype=bool)].shape)
print(c[np.zeros((0, 2), dtype=bool)])
print("not reached")
