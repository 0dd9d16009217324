# exit: 1
# stderr: exception
# NumPy 2 copies a Python int fill into an integer array only if it fits: fills that fit
# (negative ones into int32, 255 into uint8), then one that does not (found by the fuzzer).
import numpy as np

base = np.arange(6, dtype=np.int32)
print(np.full_like(base, -5), np.full((2,), 255, dtype=np.uint8), np.zeros_like(base.astype(np.uint8)))
n = 2**62
print(np.full_like(base, n))
