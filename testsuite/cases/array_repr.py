# repr of arrays, as tuples print them and `!r` shows them: float, int and bool arrays
# (dtype implied), int32/float32/uint8 (dtype shown), 0-d, empty (shape shown but for
# (0,)), 2-D and 3-D layouts aligned under `array(`, long rows wrapped at 75 columns, the
# dtype moved to its own line when it does not fit, summarised arrays, and NumPy results
# that are tuples of arrays (np.where, np.nonzero, np.histogram, np.unique).
import numpy as np

a = np.arange(12.0).reshape((3, 4))
print((a, 1))
print(np.where(a > 5))
print(np.nonzero(a > 9))
print(np.histogram(np.arange(10.0), bins=3))
print(np.unique(np.array([3, 1, 3, 2]), return_counts=True))
print(f"{np.arange(5, dtype=np.int32)!r}")
print((np.array(2.5), np.array(7), np.zeros(0), np.zeros((0, 3), dtype=np.int32)))
print((np.arange(40.0) / 7.0,))
print((np.arange(30, dtype=np.int32) * 1000003,))
print((np.ones((2, 2, 3), dtype=np.float32) / 3,))
print((np.array([True, False]), np.arange(3, dtype=np.uint8)))
print((np.arange(2000.0),))
print((np.linspace(0.0, 1.0, 17, dtype=np.float32) * 1e5,))
