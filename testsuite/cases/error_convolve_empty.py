# exit: 1
# stderr: exception
# np.convolve of an empty array: NumPy's ValueError.
import numpy as np

a = np.arange(4.0)
print(np.convolve(a, np.ones(2)))
print(np.convolve(a[:0], np.ones(2)))
