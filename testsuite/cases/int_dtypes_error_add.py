# exit: 1
# stderr: exception
# NumPy 2: a Python int out of the array dtype's range is an OverflowError, not a wrap.
import numpy as np

a = np.arange(1000, dtype=np.uint8).reshape(250, 4)
print(a + 255)
print((a * -1).dtype)
