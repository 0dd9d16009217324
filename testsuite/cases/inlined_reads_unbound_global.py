# exit: 1
# stderr: exception
# An inlined function reading a global that the call's own result binds later: the global
# is unbound when the function runs, a NameError (fuzz seed 7 found it unchecked).
import numpy as np


def split_stats(a):
    return np.sum(a), np.max(a), a - np.mean(biggest)


x = np.arange(6) * 1.0
print(x.sum())
total, biggest, centered = split_stats(x)
print(total)
