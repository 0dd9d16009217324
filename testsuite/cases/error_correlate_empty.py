# exit: 1
# stderr: exception
# np.correlate of an empty operand: NumPy's ValueError.
import numpy as np

a = np.arange(4)
print(np.correlate(a, a, "full"))
print(np.correlate(a, a[:0]))
