# exit: 1
# stderr: exception
# A value that is None on this run's path, used in arithmetic: Python's TypeError, raised
# where the program reaches it (the paths where it is a number print first).
import numpy as np

a = np.arange(4.0)
for limit in [2, 9]:
    x = None
    for i in range(4):
        if a[i] > limit:
            x = a[i]
    print(x is None)
    print(x * 2.0 + 1.0)
