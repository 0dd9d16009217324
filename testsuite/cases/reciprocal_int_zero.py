# NumPy's integer reciprocal of 0 is the dtype's minimum (it warns; legatec prints no
# warnings); of 1 and -1 themselves, of others 0. Found by the fuzzer (legatec gave 0).
import numpy as np

print(np.reciprocal(np.array([0, 3, -2, 1], dtype=np.int32)), np.reciprocal(np.array([1, -1, 0, 3])))
print(np.reciprocal(np.int64(0)), np.reciprocal(np.arange(-2, 3)).dtype)
