# exit: 1
# stderr: exception
# np.insert at a position beyond the end (computed at run time): NumPy's IndexError naming
# the position as given, after the inserts before it.
import numpy as np

a = np.arange(4.0)
for k in [4, -4, 5]:
    print(np.insert(a, k, 9.0))
