# exit: 1
# The producer of a fused chain fails to broadcast: the error is the producer's, with its
# shapes, even though the consumer's operand does not fit either.
import numpy as np

n = 0
for k in range(5):
    n += k
a = np.ones(n)
b = np.ones(n - 3)
c = np.ones(n - 4)
print("sizes", a.size, b.size, c.size)
t = a + b
u = t * c
print("not reached", np.sum(u))
