# A slice whose extent is known only at run time (`e[:k]`) and is one row broadcasts
# against the rows it is combined with: the ranks that do not own that row fetch it.
import numpy as np

n = 12
k = n // 12
e = np.arange(n) * 1.0
e[1:] = e[1:] + e[:k]
print(e)
f = np.zeros((n, 3)) + np.arange(3.0)
f[2:] = f[2:] * f[k:2 * k] + 1.0
print(f.sum(), f[5])
g = e[3:] - e[k + 4:k + 5]
print(g)
