# Slices of lists and tuples known when compiling: layer sizes paired by zip, shapes'
# tails, reversed and stepped slices, bounds past the ends and negative ones.
import numpy as np

sizes = [4, 8, 3]
print(sizes[:-1], sizes[1:], sizes[::-1], sizes[::2], sizes[5:], sizes[-10:2], sizes[1:1])
rng = np.random.default_rng(0)
layers = []
for m, n in zip(sizes[:-1], sizes[1:]):
    layers.append(rng.standard_normal((m, n)))
x = np.ones((2, 4))
for W in layers:
    x = np.tanh(x @ W)
print(x.round(6))
a = np.zeros((2, 3, 5))
print(a.shape[1:], a.shape[:-1], a.shape[::-1], np.prod(a.shape[1:]))
t = (1.5, 2.5, 3.5, 4.5)
head, tail = t[:2], t[2:]
print(head, tail, t[-1:-4:-1], t[3:0:-2], t[:len(t) - 1])
names = ["x", "y", "z"]
for nm in names[1:]:
    print(nm)


def total(xs):
    return sum(xs[1:]) + xs[0] * 10


print(total([1, 2, 3]), total((4.0, 0.5)))
