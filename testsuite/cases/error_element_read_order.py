# exit: 1
# stderr: exception
# An element read out of bounds raises before a later argument's own error (Python evaluates
# arguments in order): IndexError here, not the empty reduction's ValueError (found by the
# fuzzer).
import numpy as np

rng = np.random.default_rng(2025)
r = rng.integers(0, 1000, size=(37, 0))
print(r.shape, r[0, 0], np.max(r))
