# exit: 1
# A boolean mask whose shape differs from the array's is an IndexError at run time.
import numpy as np

a = np.arange(6.0)
m = np.arange(6) % 2 == 0
print(a[m])
n = m[:4]
print(a[n])
print("not reached")
