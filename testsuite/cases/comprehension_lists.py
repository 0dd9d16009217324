# List comprehensions outside NumPy calls over iterables of a length known when compiling
# (the list of their items: unpacked, printed, looped over), and loops over lists of
# arrays, tuples and strings (unrolled), with enumerate and zip; items keep the values of
# their iteration.
import numpy as np
rng = np.random.default_rng(3)
N = 5
t0, p0, t1, p1 = [rng.random(N) for _ in range(4)]
print(t0, p1)
squares = [k * k for k in range(5)]
print(squares, len(squares), sum(squares))
x = np.linspace(0.0, 1.0, 4)
parts = [x * w for w in (1.0, 2.5, -1.0)]
for part in parts:
    print(part.sum())
a, b = [np.zeros(k + 1) for k in range(2)]
print(a.shape, b.shape)
names = [f"v{k}" for k in range(3)]
print(names)
i = 7
grid = [[r * 3 + c for c in range(3)] for r in range(2)]
print(grid, i)
x[0] = 9.0
print(parts[0])
x = np.linspace(0.0, 1.0, 4)
parts = [x * w for w in (1.0, 2.5, -1.0)]
for part in parts:
    print(part.sum())
for k, part in enumerate(parts):
    print(k, part[1])
for name, arr in zip(["a", "b", "c"], parts):
    print(name, arr.max())
for lo, hi in [(0, 2), (1, 4)]:
    print(x[lo:hi])
sums = np.array([p.sum() for p in parts])
print(sums, np.stack([p for p in parts]).shape)
total = 0.0
for p in parts:
    if p.sum() > 0:
        total += p.sum()
print(total)
print([p.shape for p in parts])
for s in ("x", "yy"):
    print(s + "!")
