# exit: 1
# stderr: exception
# np.select with more choices than conditions: NumPy's ValueError.
import numpy as np
x = np.arange(4)
print(np.select([x > 1], [x], default=-1))
print(np.select([x > 1], [x, -x]))
