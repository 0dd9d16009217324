# NumPy functions legatec does not have: each error names the supported function nearest
# in meaning (or in spelling), and nothing after them is reported as a follow-on error.
import numpy as np

a = np.arange(10.0)
f = np.frompyfunc(lambda v: v + 1, 1, 1)
p = np.partition(a, 3)
c = np.cbrt(a)
k = np.nancumsum(a)
t = np.trim_zeros(a)
print(p, c, k, t)
