# exit: 1
# stderr: exception
# args:
# args: 1
# args: 1 2
# args: 1 2 3
# NumPy's reshape errors print the requested shape without spaces, an unknown extent as
# `newaxis` and leading unknown extents not at all.
import sys
import numpy as np

a = np.arange(6)
k = len(sys.argv)
print(a.reshape(2, -1))
if k == 1:
    print(a.reshape(-1, -1))
elif k == 2:
    print(a.reshape(4, -7))
elif k == 3:
    print(a.reshape(-1, 4))
else:
    print(np.zeros(0).reshape(-1, 0))
