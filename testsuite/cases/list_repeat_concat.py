# Lists and tuples repeated with `*` (a count known when compiling) and joined with `+`, also
# a list built at run time joined to another; Python's TypeError for a list joined to a tuple.
# exit: 1
# stderr: exception
import numpy as np
a = [4/9] + [1/9] * 4 + [1/36] * 4
print(a, len(a))
t = (1, 2) + (3,)
print(t, t * 2, 2 * [0.5], [1] * -1)
b = [0] * 3
print(b)
w = np.array([4/9] + [1/9] * 4)
print(w)
xs = []
xs.append(1.0)
ys = xs + [2.0]
ys.append(3.0)
print(xs, ys)
print(np.zeros([2] * 2))
print([1] + (2,))
