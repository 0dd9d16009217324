# exit: 1
# Adding arrays whose sizes only disagree at run time is a broadcast error.
import numpy as np

n = 0
for k in range(5):
    n += k
a = np.ones(n)
b = np.ones(n - 3)
print("sizes", a.size, b.size)
print("sum a", np.sum(a))
c = a + b
print("not reached", np.sum(c))
