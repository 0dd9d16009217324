# exit: 1
# stderr: exception
# An array variable that is None on this run's path, then indexed: Python's TypeError
# ('NoneType' object is not subscriptable) where the program reaches it.
import numpy as np

a = np.arange(6.0)
for k in [1, 5]:
    prev = None
    for i in range(3):
        if i * k > 4:
            prev = a * i
    print(prev)
    print(prev[2])
