# exit: 1
# stderr: exception
# A new shape of an empty array whose other extents are too large for any array: NumPy's
# ValueError (fuzz seed 3536: legatec printed `[]` and exited 0).
import numpy as np

print(np.zeros(0).reshape(3, 0).shape, np.zeros(0).reshape(-1, 5).shape)
print(np.zeros(0).reshape(-1, (2**62)))
