# np.set_printoptions: precision, suppress (small values stay in fixed notation), linewidth,
# threshold and edgeitems (summaries), then the defaults again; scalars are not affected.
import numpy as np
a = np.array([1.0 / 3, 2.0 / 3, 1e-6, 12.5])
print(a)
np.set_printoptions(precision=3)
print(a, np.linspace(0, 1, 7))
np.set_printoptions(suppress=True)
print(a, np.array([1e-10, 1.0, 2.5]))
np.set_printoptions(precision=4, suppress=False, linewidth=40)
print(np.arange(20.0) / 7)
np.set_printoptions(threshold=5, edgeitems=2)
print(np.arange(10), np.arange(12.0).reshape(3, 4))
np.set_printoptions(precision=8, threshold=1000, edgeitems=3, linewidth=75, suppress=False)
print(a, repr(a))
print(np.float64(1 / 3))
