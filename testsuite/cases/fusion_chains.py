# Chains of statements whose intermediates fuse into the next kernel, and chains that must
# not fuse (the intermediate is observed again, or something changes in between).
import numpy as np

n = 7
a = np.linspace(-1.0, 2.0, n)
b = np.arange(n) * 0.25 + 1.0

# Fused: t is only read by the next statement.
t = a + b
u = 2.0 * t
print(u)

# A chain of four statements ending in a reduction.
v = a * b
w = v - 0.5
z = np.sqrt(w * w)
print(np.sum(z))

# The intermediate is printed later: not fused.
t1 = a - b
u1 = t1 * 3.0
print(u1)
print(t1)

# The intermediate is read by two statements.
p = a * 3.0
q = p + 1.0
r = p - 1.0
print(q, r)

# A scalar assignment in between, which the producer does not read.
t2 = a * b
s = 0.5
u2 = s * t2
print(u2)

# A scalar the producer reads is reassigned in between: the producer must use the old value.
k2 = 2.0
t3 = a * k2
k2 = 10.0
u3 = t3 + k2
print(u3)

# Written through a view between producer and consumer.
t4 = a + 1.0
t4v = t4[2:]
t4v[:] = 0.0
u4 = t4 * 2.0
print(u4)

# An operand of the producer is overwritten between producer and consumer.
c = a.copy()
t5 = c + b
c[0:3] = 100.0
u5 = t5 * 2.0
print(u5, c)

# An element write to the intermediate between producer and consumer.
t6 = b * b
t6[0] = -5.0
u6 = t6 + 1.0
print(u6)

# Reassigned in a loop, only read by the next statement: fused each iteration.
total = 0.0
for k in range(4):
    e = a + k
    f = e * e
    total += np.sum(f)
print(total)

# Reassigned in a loop and used after the loop: not fused.
for k in range(3):
    g = b * k
    h = g + 1.0
print(g, h)

# Loop-carried: the producer reads the previous `acc`, the consumer makes the new one.
acc = np.zeros(n)
for k in range(3):
    step = acc + a
    acc = step * 0.5
print(acc)

# Broadcasting: a row vector into a matrix in the consumer.
m = np.ones((3, n))
row = a * 2.0
mat = m + row
print(mat)

# Broadcasting inside the producer, then a matrix consumer with a row operand.
prod = m * a
res = prod - b
print(res)

# The consumer stores into a view that overlaps the producer's operands.
grid = np.arange(10) * 1.0
avg = grid[:-2] + grid[2:]
grid[1:-1] = 0.5 * avg
print(grid)

# The consumer stores into the very view the producer read.
x = np.linspace(0.0, 1.0, 5)
y = x * 4.0
x[:] = y + 1.0
print(x)

# Integer chains and casts.
ia = np.arange(6)
ib = ia * 3
fc = ib / 2.0
print(fc)
ic = ia + 2
id2 = ic * ic
print(id2, id2.dtype)

# Booleans into a reduction.
mask = a > 0.5
print(np.sum(mask))

# float32.
a32 = np.ones(n, dtype=np.float32)
h32 = a32 * np.float32(1.5)
k32 = h32 + np.float32(0.25)
print(k32, k32.dtype)

# In a branch.
if n > 3:
    bt = a + 2.0
    bu = bt * bt
    print(bu)
else:
    print("small")

# In a function, and a global intermediate that a function reads.
def chain(x1, y1):
    v1 = x1 * y1
    w1 = v1 + 1.0
    return np.sum(w1)


gi = a * 5.0
gu = gi + 1.0


def read_global():
    return gi[0]


print(chain(a, b), gu, read_global())

# A 2-D stencil like the heat benchmark.
N = 6
grid2 = np.zeros((N + 2, N + 2))
grid2[0, :] = 40.0
grid2[:, 0] = -10.0
center = grid2[1:-1, 1:-1]
for it in range(5):
    average = center + grid2[0:-2, 1:-1] + grid2[1:-1, 2:] + grid2[1:-1, 0:-2] + grid2[2:, 1:-1]
    work = 0.2 * average
    delta = np.sum(np.absolute(work - center))
    center[:] = work
print(delta)
print(grid2)
