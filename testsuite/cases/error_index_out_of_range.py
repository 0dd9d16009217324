# exit: 1
# Reading one element past the end with a computed index is an IndexError.
import numpy as np

a = np.arange(8) * 2.0
n = 0
while n * n < 60:
    n += 1
print("n =", n, "len =", len(a))
print(a[n - 1])
print(a[n])
print("not reached")
