# min, max and sorted with key= (a lambda, a function, a builtin, None): of a range, a list
# built at run time, numbers written out, several arguments, a 1-D array's elements and
# written-out tuples; the first of equal keys wins, and reverse=True keeps equal keys in
# their order, as Python's.
import numpy as np
a = np.array([3.0, 1.0, 7.0, 7.0, 2.0])
n = a.shape[0]
print(max(range(n), key=lambda i: a[i]), min(range(n), key=lambda i: a[i]))
print(max(a, key=lambda v: -v), min([3, 1, 2], key=lambda v: -v), max(2.5, 7, 3, key=lambda v: v % 4))
dist = [5.0, 2.0, 9.0, 2.0]
unvisited = [0, 1, 2, 3]
unvisited.pop(1)
u = min(unvisited, key=lambda v: dist[v])
print(u)
def score(i):
    return (i * 7) % 5
print(max(range(10), key=score), max([(1.0, 2.0), (3.0, 0.5)], key=lambda p: p[1]))
print(max([4, 1], key=None))
a = np.array([3.0, 1.0, 7.0, 7.0, 2.0])
n = a.shape[0]
print(sorted(range(n), key=lambda i: a[i]), sorted(range(n), key=lambda i: a[i], reverse=True))
print(sorted([3, -1, 2, -3], key=abs), sorted([3, -1, 2, -3], key=lambda v: v * v, reverse=True))
xs = []
for i in range(6):
    xs.append((i * 5) % 7 - 3)
print(sorted(xs, key=lambda v: -v), sorted(a, key=lambda v: -v), sorted(xs, key=None))
e = []
for i in range(0):
    e.append(1.5)
print(sorted(e, key=lambda v: -v))
z = float(np.sum(np.zeros(1)))
print(sorted([-0.0, 0.0], reverse=True), sorted([-z, z, 1.0], reverse=True), sorted([3, 1, 2], reverse=True), sorted([2.0, -z, z]))
