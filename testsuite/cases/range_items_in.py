# Items of a range (r[i], negative i) and `in` tests of ranges: numbers within the bounds on
# the step's side and a whole number of steps from the start (floats equal to such ints too).
import numpy as np
r = range(3, 20, 4)
print(r[1], r[-1], r[0], 7 in r, 8 in r, 8 not in r, 7.0 in r, 7.5 in r, True in range(2))
d = range(10, -5, -3)
print(d[2], d[-1], 4 in d, 5 in d, -5 in d, -2 in d, 10 in d, 11 in d)
n = 5
for i in range(10):
    if i in range(2, n):
        print("in", i)
x = np.int32(3)
print(x in range(1, 4), np.float64(2.0) in range(3))
e = range(0)
print(0 in e, len(e))
print(r[-5])
k = int(np.sum(np.ones(4)))
print(range(2, 9, 2)[k - 1], k in range(0, 10, 4), -k in range(0, -9, -4))
