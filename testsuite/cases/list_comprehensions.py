# List comprehensions in NumPy calls are the arrays NumPy makes of them: items of Python
# numbers, NumPy scalars, arrays or lists; over ranges, arrays and zip; the target local to
# the comprehension; random draws in order; none at all; in functions; np.stack, vstack,
# hstack and concatenate of them.
import numpy as np

i = 7
x = np.array([i * i for i in range(5)])
print(x, i)
y = np.array([np.sum(np.arange(k + 1.0)) for k in range(4)])
print(y)
rows = np.stack([np.ones(3) * k for k in range(3)])
print(rows)
v = np.arange(4.0)
print(np.array([2.0 * t for t in v]), np.sum([t * t for t in v]))
print(np.array([[a, b] for a, b in zip(v, v[::-1])]))
print(np.array([k * 1.0 for k in range(0)]).shape, len([k for k in range(3)]), len([k for k in range(0)]))
m = np.array([r.sum() for r in np.arange(6.0).reshape(3, 2)])
print(m)
print(np.mean([np.float32(q) for q in range(3)]))
print(np.vstack([np.arange(3.0) * k for k in range(2)]), np.hstack([np.arange(2) + k for k in range(3)]))
print(np.concatenate([np.ones((2, 2)) * k for k in range(2)]), np.concatenate([np.arange(2) for k in range(2)]))
rng = np.random.default_rng(5)
draws = np.array([rng.random() for _ in range(4)])
print(draws, rng.random())
def f(n):
    return np.array([k * 2.0 for k in range(n)])
print(f(3), f(0))
total = 0
for i in range(3):
    total += len([j for j in range(i)])
print(total)
