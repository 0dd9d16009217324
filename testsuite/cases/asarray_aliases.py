# rtol: 0
# np.asarray of an array (of the dtype asked for, or none asked) is that array itself: a
# write through either name shows in both (legatec used to copy it, printing the old value
# with exit 0). np.array copies; asarray with another dtype converts (a new array); views
# stay views. Also a copy (np.array) held whole on every rank because it is reshaped, of
# an array split over ranks (its gather was missing from the plan).
import numpy as np

a = np.array([3.0, 0.0, 5.0, 7.0, 1.0, 2.0])
d = np.asarray(a)
e = np.asarray(a, dtype=np.float64)
c = np.array(a)
i = np.asarray(a, dtype=np.int64)
a[0] = 99.0
d[1] = -1.0
print(a, d, e, c, i)
v = np.asarray(a[1:4])
v[0] = 42.0
print(a)
b = np.array(a)
print(b.reshape(2, 3), b.reshape(-1, 1)[:, 0])
m = np.arange(12.0).reshape(3, 4)
mm = np.asarray(m)
mm[2, 3] = -5.0
print(m.sum(), m[2])
