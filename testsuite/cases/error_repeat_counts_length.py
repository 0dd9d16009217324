# exit: 1
# stderr: exception
# np.repeat with one count per element of the axis, but a counts array of another length
# (here empty, for one row): NumPy's broadcast ValueError (found by the fuzzer, seed 4242).
import numpy as np

x = np.arange(12.0).reshape(3, 4)
print(np.repeat(x, [2], axis=1).shape, np.repeat(x, np.array([1, 0, 2]), axis=0))
print(np.repeat(x[:0:-2], np.zeros(0, dtype=np.int64), axis=0).shape)
