# exit: 1
# stderr: exception
# args: 1
# args: 1 2
# args: 1 2 3
# args: 1 2 3 4
# args: 1 2 3 4 5
# args: 1 2 3 4 5 6
# args: 1 2 3 4 5 6 7
# args: 1 2 3 4 5 6 7 8
# The errors of `a[i] = v` that NumPy raises while converting `v` to the array's dtype
# (a NaN, an infinity, a value outside the dtype), known only at run time.
import sys
import numpy as np

k = len(sys.argv)
a = np.array([1, 2, 3], dtype=np.int32)
b = np.array([1, 2, 3])
print("before")
if k == 2:
    a[0] = float("nan")
elif k == 3:
    a[0] = 2.0**31 * (k - 2)
elif k == 4:
    b[0] = 2.0**63 * (k - 3)
elif k == 5:
    b[0] = float("inf") * k
elif k == 6:
    a[0] = np.int64(3000000000) * (k - 5)
elif k == 7:
    a[0] = np.float64(float("nan")) + k
elif k == 8:
    a[:0] = 2.0**31 * (k - 7)
else:
    b[1:] = np.float64(float("inf")) * k
print(a, b)
