# exit: 1
# stderr: exception
# The maximum of an empty array that the statement before stored (the two fuse into one
# kernel): NumPy's ValueError, after what was printed before.
import numpy as np

n = 0
a = np.arange(float(n))
b = a * 2.0 + 1.0
print(b.shape)
print(np.sum(b))
c = a * 3.0
m = np.max(c)
print(c, m)
