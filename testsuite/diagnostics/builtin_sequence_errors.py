import numpy as np

a = np.arange(4.0)
r = reversed([1, 2])
m = map(np.sqrt, a)
l = tuple(a)
h = hex(2.5)
s = np.sum(a, dtype=bool)
u = np.unravel_index(1.5, (2, 3))
v = np.unravel_index(3, (2, 3), order="K")
