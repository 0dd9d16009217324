# `==` and `!=` of lists built at run time, with each other or with items written out
# (Python's `2 == 2.0` of the items).
import numpy as np
data = list(np.array([3, 1, 2]).tolist())
print(sorted(data) == [1, 2, 3], sorted(data) != [1, 2, 3], data == [3, 1], data == [3, 1, 2.0])
w = "b a c".split()
print(sorted(w) == ["a", "b", "c"], w == sorted(w), [] == w[3:])
xs = []
for k in range(3):
    xs.append(k * 0.5)
ys = [0.0, 0.5, 1.0]
print(xs == ys, ys == xs, xs == xs[::-1])
