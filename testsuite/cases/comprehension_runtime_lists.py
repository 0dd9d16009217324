# Comprehensions and generators over lists built at run time, empty or not, consumed by
# NumPy and by Python's sum, min and max (of no items the int 0, as Python's start; of Python
# numbers a Python number), printed inside lists.
xs = []
import numpy as np
ys = []
for i in range(3):
    xs.append(i * 1.0)
    ys.append(i * 2.0)
print([a + b for a, b in zip(xs, ys)])
print([a for a in xs if a > 0])
print(sum(b for b in ys))
ys2 = []
for i in range(0):
    ys2.append(i * 2.0)
print(sum(b for b in ys2), np.array([b * 2 for b in ys2]), len([b for b in ys2]))
zs = []
for i in range(5):
    zs.append(i * 2.0)
print(np.mean([z for z in zs if z > 2]), np.array([[z, z + 1] for z in zs]))
n = int(np.sum(np.zeros(2)))
print(sum(x * 1.0 for x in range(n)), sum([x * 1.5 for x in range(n)]), sum(x * 1.0 for x in range(n + 2)))
a = np.arange(n * 1.0)
print(sum(v for v in a), sum(a))
n9 = int(np.sum(np.zeros(2)))
res9 = []
for i in range(4):
    res9.append(i)
a9 = np.arange(4)
print([sum(res9)], [sum(a9[:0])], [sum(a9)], sum(i for i in range(n9)), sum([i for i in range(n9)]))
for m in range(3):
    print(sum(k * k for k in range(m)), end=" ")
print(any(i > 2 for i in range(n9)), all(i > 2 for i in range(n9)))
print(np.array([i for i in range(n9)], dtype=np.int64), np.array(range(5, 5), dtype=float))
print([sum(v for v in res9)], [max(v for v in res9)], [sum(i for i in range(4))], [sum(x for x in [1, 2, 3])], [min(v * 0.5 for v in res9)], [sum(a9[i] for i in range(2))])
