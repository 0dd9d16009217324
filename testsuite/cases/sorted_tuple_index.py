# sorted() of lists and tuples of Python numbers (reverse=, empty, indexed); tuples and lists
# indexed by constants computed when compiling (`len(t) // 2`, `-1 - i` in unrolled code)
# and by loop variables (items of one type read from their array).
import numpy as np
a = np.array([3.0, 1.0, 2.0])
xs = [float(a[0]), float(a[1]), 2.5, float(a[2])]
print(sorted(xs), sorted(xs, reverse=True), sorted((3, 1, 2)), sorted([]))
best = sorted([int(v) for v in [5, 2, 9]])
print(best, sorted([1.5, -2.0, 0.0])[0], max(sorted([4, 8, 1])))
times = [0.3, 0.1, 0.2]
print(sorted(times)[len(times) // 2])
coeffs = (0.5, 1.5, 2.5)
s = 0.0
for i in range(3):
    s += coeffs[i] * i + coeffs[-1 - i]
print(s, coeffs[len(coeffs) // 2], coeffs[-1], (1, "a", 2.5)[1])
w = [1, 2, 3, 4]
print(sum(w[k] for k in range(4)), [w[j] * 2 for j in range(2)])
sh = np.zeros((3, 4)).shape
print(sh[len(sh) - 1], sh[-2])
