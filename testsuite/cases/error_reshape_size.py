# exit: 1
# stderr: exception
# Reshaping to a shape of another size is NumPy's ValueError.
import numpy as np

n = 6
a = np.arange(n)
print(a.reshape(2, 3))
print(a.reshape(4, -1))
