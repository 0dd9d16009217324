# exit: 1
# An index out of range in the part of the index array that the last ranks hold is the
# same IndexError at any rank count (the first bad index in C order).
import numpy as np

a = np.arange(23) * 2.0
idx = (np.arange(30) * 5) % 23
idx[27] = 40
idx[29] = -30
print(a[idx[:20]])
print(a[idx])
print("not reached")
