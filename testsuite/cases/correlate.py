# np.correlate of 1-D operands (default mode valid), every mode with either operand the
# longer, integers, float32, scalars and lists.
# rtol: 1e-6
import numpy as np

for a, v in [([1, 2, 3], [0, 1, 0.5]), ([1, 2, 3, 4, 5], [1, 2]), ([1, 2], [1, 2, 3, 4, 5]),
             ([1, 2, 3, 4], [1, 2, 3, 4, 5, 6, 7]), ([3], [2, 5]), ([1, 2, 3, 4, 5, 6], [1, -1, 2, 0])]:
    x = np.array(a)
    y = np.array(v)
    print(np.correlate(x, y), np.correlate(x, y, "same"), np.correlate(x, y, mode="full"))
    print(np.correlate(y, x, "same"), np.correlate(x * 1.5, y, "valid"), np.correlate(x, y, 2))
f = np.linspace(0.0, 1.0, 7).astype(np.float32)
print(np.correlate(f, f, "full"), np.correlate(f, f).dtype, np.correlate([1, 2, 3], [1, 1]), np.correlate([2.5], [4]))
print(np.correlate(np.arange(10), np.array([1, 0, -1]), "same").dtype)
