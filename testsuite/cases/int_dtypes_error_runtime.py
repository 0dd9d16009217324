# exit: 1
# stderr: exception
# The Python int is known only at run time: the check is made then.
import numpy as np

a = np.ones(1200, dtype=np.int8).reshape(400, 3)
for k in range(120, 140):
    b = a + k
    print(k, b.sum(), b.dtype, a[0, 0] < k, a[0, 0] == k + 1000)
