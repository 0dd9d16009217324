# Sorts long enough to run on several threads: values, stable argsorts with many ties,
# rows of a 2-D array, and index arrays built from the results.
import numpy as np

np.random.seed(1)
n = 300000
x = np.random.random(n)
s = np.sort(x)
print(s[:3], s[-3:], bool(np.all(s[1:] >= s[:-1])))
o = np.argsort(x)
print(o[:5], o[-5:], bool(np.all(x[o] == s)))
k = np.random.randint(0, 100, n)
ok = np.argsort(k, kind="stable")
print(ok[:8], ok[-8:], np.sum(ok * np.arange(n) % 1000003))
m = np.random.random((4, 100000))
ms = np.sort(m, axis=1)
print(ms[:, 0], ms[:, -1], np.argsort(m, axis=1)[:, 0])
m.sort(axis=0)
print(bool(np.all(m[1] >= m[0])), np.cumsum(k)[-1], np.cumsum(x)[-1])
big = x[x > 0.999]
print(big.size, np.sort(big)[:2])
