# NumPy 2.4 infers any one negative extent of a reshape, not only -1 (found by the fuzzer:
# legatec refused -3); error_reshape_size has the errors.
import numpy as np

a = np.arange(6)
print(a.reshape(2, -3), a.reshape(-2, 3).shape, a.reshape(3, -1, 2).shape, a.reshape(-6).shape)
print(np.zeros(0).reshape(2, -1).shape, a.reshape((-4, 2)))
