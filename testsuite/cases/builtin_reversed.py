# reversed() where it is iterated: ranges of either step (empty ones too), arrays (rows of a
# 2-D one), lists and tuples, under enumerate and zip, in comprehensions; a back
# substitution that runs its rows from the last.
import numpy as np

for i in reversed(range(3)):
    print(i)
for i in reversed(range(1, 10, 3)):
    print(i)
for i in reversed(range(5, 0, -2)):
    print(i)
for i in reversed(range(0)):
    print("never", i)
for i in reversed(range(4, 2)):
    print("never", i)
a = np.arange(7.0) * 1.5
for v in reversed(a):
    print(v)
for x in reversed([1, 2.5, 3]):
    print(x)
for k, x in enumerate(reversed((1, 2, 3))):
    print(k, x)
for p, q in zip(reversed(range(3)), range(3)):
    print(p, q)
print(np.array([i * i for i in reversed(range(5))]))
for r in reversed(np.arange(6).reshape(3, 2)):
    print(r)

n = 6
U = np.triu(np.fromfunction(lambda i, j: 1.0 + i + 2.0 * j, (n, n)))
b = np.arange(1.0, n + 1)
x = np.zeros(n)
for i in reversed(range(n)):
    x[i] = (b[i] - U[i, i + 1:] @ x[i + 1:]) / U[i, i]
print(x)
print(np.allclose(U @ x, b))
