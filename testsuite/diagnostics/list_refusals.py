# Lists built at run time that legatec refuses, each a located error.
import numpy as np

mixed = []
mixed.append(1)
mixed.append(2.5)
words = []
words.append("a")
pairs = []
pairs.append((1, 2))
cplx = []
cplx.append(1j)
arrs = [np.zeros(2)]
arrs.sort()
print(sum(arrs))
arrs.index(0)
[1, 2].append(3)
print(mixed, words, pairs, cplx)
print(np.array(words))
e = []
e.clear()
f = e.copy()
f.append(1.0)
import sys
n = len(sys.argv)
rep = (0.0,) * n
big = (0.0,) * 5000
nested = [[i, i + 1] for i in range(n)]
a, *b, *c = (1, 2, 3)
p, *q = np.arange(3.0)
g = []
g.append(2.0)
g[0:1] = [3.0]
print(g[0, 1], f, rep, big, nested, a, b, c, p, q)
