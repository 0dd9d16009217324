# exit: 1
# The value is known only at run time: NumPy names it in its OverflowError, legatec does not,
# so only the exit status is compared here (`error_int32_overflow` compares the message).
import sys
import numpy as np

a = np.array([1, 2], dtype=np.int32)
n = 2**30 * (len(sys.argv) + 1)
a[0] = n
print(a)
