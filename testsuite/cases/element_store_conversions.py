# `a[i] = v` converts as NumPy does: a float into an integer array through a Python int
# (truncation toward zero), into a bool array by truth value; any integer into int32 only
# if it fits (error_element_store has the errors); a scalar stored into a slice converts
# alike. Found by the fuzzer: floats beyond int32 were stored wrapped.
import sys
import numpy as np

k = len(sys.argv)
a = np.array([1, 2, 3], dtype=np.int32)
b = np.array([1, 2, 3])
c = np.array([True, False, False])
x = 2.9 * k
a[0] = x
a[1] = -x
a[2] = np.float32(2147483520.0 / k)
b[0] = 9.2e18 / k
b[1] = -2.0**63 + 0 * k
b[2] = np.int32(7)
c[1] = 0.5 * k
c[2] = 0.0 * k
print(a, b, c)
a[1] = np.int64(-2147483648) + 0 * k
a[2] = -2147483648.9 + 0 * k
print(a)
a[0:] = 2.9 * k
a[1:] = np.float32(-2.5) * k
c[:] = 0.5 * k
print(a, c)
