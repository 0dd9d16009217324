# List comprehensions outside NumPy calls whose length is known only when running, filtered,
# or of several `for`s: lists built at run time (their items in order, printed as Python
# prints them); items stored into arrays from lists and tuples; np.array of a list of arrays;
# an index that is an int on one path and a NumPy integer on another.
import numpy as np

f = np.linspace(0.0, 1.0, 5)
print([round(v, 3) for v in f])
print([float(v) for v in f if v > 0.3])
n = len(f) * 20
sq = [i * i for i in range(n) if i % 7 == 0]
print(sq, len(sq))
pairs = [i + j for i in range(3) for j in range(n // 40)]
print(pairs)
rows = [np.arange(3) * k for k in range(n // 30)]
print(np.array(rows))
h = np.zeros((2, 3))
h[1] = (1, 2.5, 3.0)
h[0, :2] = [7, 8]
print(h)
w = np.zeros(5)
w[:3] = [0.25, 0.5, 0.25]
w[3:] = sq[:2]
print(w)
k = np.zeros(4, dtype=np.int32)
k[1:3] = [2.7, -1.2]
print(k)
g = np.linspace(0.0, 1.0, 3)
G = np.array(np.meshgrid(g, g, indexing="ij"))
print(G.shape, G.sum())
print(np.array([g, g * 2], np.float32), np.array([1, 2], np.int8))
parent = np.array([0, 0, 1, 2])
i = 3
while parent[i] != i:
    i = parent[i]
print(i)
