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
