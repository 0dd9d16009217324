# exit: 1
# The consumer of a fused chain fails to broadcast: the error names the intermediate's shape.
import numpy as np

n = 0
for k in range(5):
    n += k
a = np.ones(n)
b = np.ones(n)
c = np.ones(n - 3)
print("sizes", a.size, b.size, c.size)
t = a + b
u = t - c
print("not reached", np.sum(u))
