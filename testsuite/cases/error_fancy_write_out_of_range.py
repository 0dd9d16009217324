# exit: 1
# Writing through an integer index array checks every index before writing anything.
import numpy as np

a = np.zeros(4)
a[np.array([0, 3])] = 1.0
print(a)
a[np.array([1, 4, 2])] = 7.0
print("not reached", a)
