# exit: 1
# stderr: exception
# np.select of a condition that is not boolean: NumPy's TypeError.
import numpy as np
x = np.arange(4)
print(np.select([x > 1], [x]))
print(np.select([x > 1, x], [x, -x]))
