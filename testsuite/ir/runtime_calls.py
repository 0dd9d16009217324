# Sorting, masks, index arrays and files are runtime calls; `a[m] += 1` reads through
# the mask, adds in a kernel, and writes back through the mask.
import numpy as np

a = np.linspace(1.0, 0.0, 6)
s = np.sort(a)
a[a > 0.5] += 1.0
b = a[np.argsort(a)]
np.save("b.npy", np.cumsum(b))
print(s, np.load("b.npy"))
