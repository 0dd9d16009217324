# exit: 1
# stderr: exception
# `a[i] = v`: NumPy checks the index before it converts the value, so an index out of
# bounds is an IndexError even where the value does not fit the dtype (found by the
# fuzzer); stores that fit go through.
import numpy as np

w = np.zeros(10, dtype=np.uint16)
w[3] = 65535
k = 7
w[k] = 2**15
print(w)
w[(2**62)] = 65536
