# Arrays that cannot be split by rows: a reshape mixes rows, a sort needs the whole array.
import numpy as np

a = np.arange(24.0)
b = a.reshape(4, 6)
c = np.linspace(0.0, 1.0, 100)
total = 0.0
for i in range(3):
    c = c * 1.5 + b[1, 2]
    s = np.sort(c)
    total += s[-1]
print(total, b.sum())
