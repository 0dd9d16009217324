# exit: 1
# Writing an element of a 2-D array with a negative index beyond the start is an IndexError.
import numpy as np

g = np.zeros((3, 4))
k = 2
for i in range(3):
    g[i, -k] = i + 0.5
print(g)
k = k * 3
g[1, -k] = 1.0
print("not reached")
