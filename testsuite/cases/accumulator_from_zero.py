# A variable that starts as a Python number and becomes an array in a loop (`acc = 0`,
# then `acc = acc + row` or `acc += row`): a number where the loop runs no iteration, an
# array otherwise, as in Python; the array made from the number is new (the rows added
# are not changed by later in-place additions).
import numpy as np

A = np.arange(12.0).reshape(4, 3)
acc = 0
for row in A:
    acc = acc + row
print(acc)
s = 0
for row in A:
    s += row
print(A[0], s, s.sum(), s.shape, len(s), s[1])
A[0] = 100.0
print(s)


def total(rows):
    acc = 0
    for r in rows:
        acc = acc + r * r
    return acc


empty = A[:0]
print(total(A), total(empty))
C = 0
for k in range(3):
    C = C + np.outer(A[k], A[k + 1])
print(C)
best = 0
for row in A:
    best = np.maximum(best, row)
print(best, f"{best.max():.2f}")
m = 0.0
i = 0
while i < 3:
    m += A[i + 1] / 3
    i += 1
mean = m / 2
print(mean, np.sum(m), np.sqrt(m))
z = 0
for row in empty:
    z = z + row
print(z, z + 1)
counts = 0
rng = np.random.default_rng(1)
for _ in range(5):
    counts = counts + (rng.random(4) < 0.5)
print(counts)


def norm2(v):
    return np.sqrt(np.sum(v * v))


x = 0
for i in range(3):
    x = A[i].copy()
x[0] = 5.0
x += 1
print(x, norm2(x))
y = 0
for i in range(3):
    y = y + A[i]
if np.all(y > 0):
    print("positive", y)
y[1:] = -1.0
print(y, A[1])
g = 0
for i in range(3):
    g = g + A[:, i:i + 1]
print(g.T, norm2(g), np.concatenate([g.ravel(), A[1]]))
