# exit: 1
# stderr: exception
# np.convolve of a 2-D array: NumPy's ValueError.
import numpy as np

print(np.convolve(np.ones(3), np.ones(2)))
print(np.convolve(np.ones((2, 2)), np.ones(2)))
