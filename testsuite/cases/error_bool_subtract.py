# exit: 1
# stderr: last-line
import numpy as np

a = np.array([True, False])
print("before")
print(a - a)
