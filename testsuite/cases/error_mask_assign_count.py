# exit: 1
# Assigning an array whose length is neither the number of selected elements nor 1 is a
# ValueError, as in NumPy.
import numpy as np

a = np.arange(6.0)
a[a > 3] = np.array([1.0, 2.0])
print(a)
a[a > 0] = np.array([1.0, 2.0])
print("not reached")
