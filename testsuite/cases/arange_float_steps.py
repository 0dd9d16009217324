# np.arange fills as NumPy does: element 0 is start, element 1 start + step, and element i
# start + i * delta with delta their difference in the result's dtype. With float steps the
# last digits show (==, tolist), and an integer dtype with a fractional step repeats start.
import numpy as np

a = np.arange(5, 1, -0.7)
print(a[2], (a == 3.6).sum(), a.tolist())
print(np.arange(1e8, 1e8 + 1, 0.1)[3])
print(np.arange(0, 5, 0.5, dtype=int))
print(np.arange(0.1, 2.0, 0.3, dtype=np.float32).tolist())
print(np.arange(10), np.arange(2, 20, 3), np.arange(5, -5, -2), np.arange(3.0))
print(np.arange(0.5, 3).tolist(), np.arange(1, 2, 0.1).tolist())
print(np.arange(3, dtype=np.float32), np.arange(-1.5, 1.5, 0.25, dtype=np.int32))
print(np.arange(1), np.arange(0), np.arange(2.5, 3.0, 1.0).tolist())
x = np.arange(0.0, 1.0, 0.1)
print(x.sum(), x[7] == 0.7, repr(x[3]))
