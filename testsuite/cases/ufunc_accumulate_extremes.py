# np.maximum.accumulate and np.minimum.accumulate: running maxima and minima along axis 0
# (the default), a given axis, of ints, uint8, floats with a NaN (it propagates) and bools;
# np.add/np.multiply.accumulate along axes.
import numpy as np

v = np.array([1, 3, 2, 5, 4, 7, 0])
print(np.maximum.accumulate(v), np.minimum.accumulate(v))
f = np.array([2.0, 1.0, np.nan, 3.0, 0.5])
print(np.maximum.accumulate(f), np.minimum.accumulate(f))
m = np.array([[3.0, 1.0, 4.0], [1.0, 5.0, 9.0], [2.0, 6.0, 5.0]])
print(np.maximum.accumulate(m))
print(np.maximum.accumulate(m, axis=1), np.minimum.accumulate(m, 1))
print(np.add.accumulate(m, 1), np.multiply.accumulate(m))
u = np.array([200, 5, 250], dtype=np.uint8)
print(np.maximum.accumulate(u), np.minimum.accumulate(u).dtype)
b = np.array([False, True, False])
print(np.maximum.accumulate(b), np.minimum.accumulate(b))
