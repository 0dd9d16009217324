# exit: 1
# stderr: exception
# np.correlate of a scalar: NumPy's ValueError (convolve takes it as one element).
import numpy as np

print(np.convolve(4, 3))
print(np.correlate(np.arange(3), 2))
