# exit: 1
# stderr: exception
import numpy as np

a = np.array([True, False])
print("before")
print(a - a)
