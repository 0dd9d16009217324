# np.dot and ndarray.dot with a scalar operand multiply (NumPy's definition of dot);
# found by the fuzzer: `@` with a scalar also multiplied, where NumPy raises.
import numpy as np

x = np.arange(6.0).reshape(3, 2)
v = np.arange(2.0)
print(np.dot(x, 2.0), np.dot(3, v), x.dot(np.float64(0.5)), v.dot(2))
print(np.dot(2.5, 4), np.dot(np.float32(1.5), v).dtype, x @ v, v @ v)
