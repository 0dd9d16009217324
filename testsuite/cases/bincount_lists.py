# np.bincount of a list of floats truncates them (NumPy 2's deprecated conversion), where an
# array of floats is a TypeError (found by the fuzzer: the wrong exception before).
import numpy as np
print(np.bincount([1.0, 2.0, 3.0]), np.bincount([1.5, 0.2], minlength=4), np.bincount([2.0, 2.0], weights=[0.5, 0.25]))
