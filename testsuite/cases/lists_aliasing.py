# Runtime lists changed through other names, parameters and functions while loops run over
# them (Python's list iterator reads the length at each step), the builtins of their items in
# Python's order (the first of equal items; NumPy integers wrap in their dtype), lists joined
# where paths meet, and items assigned to a list written out.
import numpy as np


def g(l):
    l += [7]


def grow(v):
    xs_global.append(v)


ys = [1]
g(ys)
print(ys)
xs = [1]
alias = xs
for x in xs:
    if x < 5:
        alias.append(x + 1)
print(xs)
xs_global = [1]
for x in xs_global:
    if x < 4:
        grow(x + 1)
print(xs_global)
q = [5, 6, 7, 8]
other = q
for i, x in enumerate(q):
    other.pop()
    print(i, x)
print(q)
zs = [0.0]
zs.append(-0.0)
print(min(zs), max(zs[::-1]), max(zs), min(zs[::-1]))
small = []
for v in np.array([250, 3, 7], dtype=np.uint8):
    small.append(v)
print(repr(sum(small)), repr(max(small)), repr(min(small)))
i8 = []
for v in np.array([100, 100, -3], dtype=np.int8):
    i8.append(v)
print(repr(sum(i8)))
e = []
e.append(1.5)
e.clear()
print(sum(e), repr(sum(e)))
a = [1]
a.append(2)
b = [3]
b.append(4)
c = a if len(b) > 1 else b
print(c)
best = None
for k in range(3):
    row = []
    row.append(k * 1.0)
    if k == 1:
        best = row
print(best)
fixed = [1, 2]
fixed[0] = 7
fixed[-1] += 5
print(fixed)
old = []
for i in range(3):
    cur = []
    cur.append(i * 1.5)
    if i == 1:
        old = cur
print(old)


def push_len(xs, v):
    xs.append(v)
    return len(xs)


print(push_len([2.0], 1.0))
held = [1.0]
print(push_len(held, 3.0), held)
