# for loops over arrays (elements, rows, rows unpacked), lists of Python numbers, enumerate
# (with start) and zip of arrays and ranges (the shortest wins), with continue and break,
# nested, and writing the array being iterated.
import numpy as np

a = np.arange(6.0).reshape(3, 2)
v = np.array([3.0, 1.0, 4.0, 1.0, 5.0])
s = 0.0
for x in v:
    s += x * x
print(s)
for row in a:
    print(row, row.sum())
for i, x in enumerate(v):
    if i == 3:
        continue
    print(i, x)
for i, row in enumerate(a, start=10):
    print(i, row[1])
t = 0.0
for x, y in zip(v, np.arange(4.0)):
    t += x * y
print(t)
for k, x in zip(range(2, 20, 3), v):
    print(k, x)
for x, y in a:
    print(x + y)
n = 0
for i in range(4):
    for j, x in enumerate(v[i:]):
        n += j
print(n)
w = np.zeros(3)
for i, x in enumerate(w):
    w[i] = x + i * 2.0
    if i == 1:
        break
print(w)
total = 0
for k in np.arange(5):
    total += k
print(total)

# Lists and tuples of Python numbers of one type: their items stay Python numbers.
x32 = np.ones(3, dtype=np.float32)
for n in (10, 100, 1000):
    y = x32 * n
    print(n, y.dtype, n // 3, n / 4)
total = 0.0
for v in [1.5, 2.5, 4.0]:
    if v > 3.0:
        break
    total += v
print(total)
for i, s in enumerate([0.5, 0.25]):
    print(i, s * 2)
