# np.round / np.around of integers with negative decimals: computed in float64, half to
# even, cast back to the integer dtype.
import numpy as np

a = np.array([15, 25, -15, -25, 149, 150, 151, 0, -1, 1234567])
print(np.round(a, -1), np.around(a, -2), np.round(a, -3), np.round(a, -20))
print(np.round(np.array([15, 25, -15, 119], dtype=np.int8), -1), np.round(np.array([15, 25, 250], dtype=np.uint8), -1))
print(np.round(np.int64(1234567), -3), np.round(1234567, -3), np.round(-5, -1), np.round(a, 2))
print(a.round(-1), np.round(a.astype(np.int32), -1).dtype, np.round(a[:0], -1))
