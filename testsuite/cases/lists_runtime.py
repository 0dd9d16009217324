# Python lists built at run time: appended in loops and functions, read back by index,
# slice and loop, printed as Python prints them (Python numbers, NumPy scalars, bools,
# arrays), and made into arrays by NumPy functions; lists are references, so every name
# bound to one (and a function given it) sees its changes.
import numpy as np


def collect(n):
    out = []
    for i in range(n):
        out.append(float(i) ** 2)
    return out


def push_all(dst, n):
    for i in range(n):
        dst.append(i * 1.5)


def add_to(xs, v):
    xs.append(v)


history = []


def record(x):
    history.append(x)


vals = []
for i in range(5):
    vals.append(i * 0.5)
print(vals)
print(len(vals), vals[-1], vals[2], vals[1:3], vals[::-2], vals[-2:])
a = np.array(vals)
print(a, a.dtype, np.mean(vals), np.sum(vals), np.cumsum(vals))
ints = [1, 2]
ints.append(7)
ints.insert(0, -3)
ints.insert(100, 11)
ints.insert(-1, 5)
print(ints, ints.pop(), ints.pop(0), ints)
total = 0
for v in ints:
    total += v
print(total, sum(ints), max(ints), min(ints))
sq = collect(4)
add_to(sq, 2.5)
print(sq)
c = []
push_all(c, 3)
print(c)
record(1.0)
record(3.0)
print(history)
alias = vals
alias.append(100.0)
print(vals[-1], len(vals))
d = [2.0]
d += [3.0, 4.0]
e = d
e += d
print(d)
flags = []
flags.append(True)
flags.append(1 > 2)
print(flags, sum(flags), any(flags), all(flags))
strong = []
strong.append(np.int64(3))
strong.append(np.arange(5)[2])
print(strong)
f32 = []
f32.append(np.float32(0.1))
print(f32, np.array(f32).dtype)
comp = [i * 1.0 for i in range(3)]
comp.append(5.0)
print(comp, f"{comp}", str(comp))
queue = [0]
seen = 0
while queue:
    x = queue.pop(0)
    seen += 1
    if x < 3:
        queue.append(x + 1)
        queue.append(x + 2)
print(seen)
frames = []
u = np.zeros(3)
for k in range(3):
    u = u + k
    frames.append(u)
print(np.array(frames), np.stack(frames).shape)
print(frames)
shared = np.zeros(2)
kept = [shared]
kept.append(shared * 2)
shared[0] = 7.0
print(kept[0], kept)
rows = []
for k in range(3):
    rows.append(np.arange(4.0) * k)
print(np.vstack(rows).shape, np.concatenate(rows).shape, np.array(rows).sum(axis=0))
w = [1.0, 2.0, 3.0]
w.reverse()
print(w, w.copy(), list(w), sorted(w), 2.0 in w, 9 not in w)
w.sort()
print(w)
w.sort(reverse=True)
print(w)
w[1] = -4.0
w.clear()
print(w, len(w), np.array(w), np.array(w).shape)
for i, v in enumerate(vals):
    if i > 1:
        break
    print(i, v)
for v, s in zip(vals, sq):
    print(v + s)
