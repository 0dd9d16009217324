# exit: 1
# stderr: exception
# np.vectorize without otypes of an empty array: NumPy's ValueError (it calls the function
# on the first element to learn the result's type).
import numpy as np
f = np.vectorize(lambda v: v + 1)
print(f(np.arange(3)))
print(f(np.arange(0)))
