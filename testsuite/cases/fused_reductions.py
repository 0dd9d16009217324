# rtol: 1e-12
# Reductions of an array that the statement before just stored: fused into the storing
# kernel where nothing can tell (heat's `delta`), refused where something can (another
# array in the reduction, a scalar read of the stored array, a stored view), with sums,
# maxima, any/all, int and float32 values, broadcast operands, a function's locals, and
# each rank holding different rows.
import numpy as np

N = 13
grid = np.zeros((N + 2, N + 2))
grid[0, :] = 40.0
grid[:, 0] = -5.5
grid[-1, :] = 3.25
center = grid[1:-1, 1:-1]
north = grid[0:-2, 1:-1]
south = grid[2:, 1:-1]
east = grid[1:-1, 2:]
west = grid[1:-1, 0:-2]
for it in range(7):
    work = 0.2 * (center + north + south + east + west)
    delta = np.sum(np.absolute(work - center))
    center[:] = work
    print(it, delta)
print(grid.sum(), work[3, 4])

# The maximum and the mean of what was just stored, and a sum of squares.
a = np.linspace(-2.0, 3.0, 41)
b = np.cos(a)
c = a * b + 1.0
m = np.max(c)
print(m, c[7])
d = np.sqrt(np.abs(a - b))
print(np.mean(d), d.sum())
e = a - 0.5 * b
print(np.sum(e * e), np.min(e - a))

# A broadcast operand (a row) of the store, read again by the reduction.
row = np.arange(5.0)
mat = np.ones((6, 5)) * np.arange(6.0).reshape(6, 1)
p = mat * row + 1.0
print(np.sum(p - row), p[5, 4])

# Another array in the reduction: not fused, same answers.
other = np.full(41, 2.0)
q = a + b
print(np.sum(q * other), q[40])
# A scalar read of the stored array inside the reduction.
r = a * 3.0
print(np.sum(r * r[2]))
# Stored into a view of an existing array, then reduced.
buf = np.zeros(41)
buf[:] = a * a
print(np.sum(buf - a), buf[10])

# Stored in place, then reduced (fused: the reduction reads only the stored array), and
# a reduction that also reads a reversed view of it (refused: it must see the new values).
acc = np.linspace(1.0, 2.0, 41)
acc -= 0.5 * a
print(np.sum(acc * acc), acc[5])
rev = acc[::-1]
acc *= 1.5
print(np.sum(acc * rev), acc.max())
acc[:] = acc + rev
print(np.sum(acc - rev), acc[0])

# Ints, bools and float32.
ia = np.arange(-20, 21)
ib = ia * ia - 7
print(np.sum(ib + ia), np.max(ib), ib[3])
flags = ia > 3
print(np.any(flags & (ia < 10)), np.all(flags | (ia < 50)))
fa = np.linspace(0.0, 1.0, 33).astype(np.float32)
fb = fa * np.float32(2.5)
print(np.sum(fb - fa), fb.dtype)


def energy(u, v):
    w = u * v - 1.0
    total = np.sum(w * w)
    if total > 1e9:
        return w, -1.0
    return w, total


w, t = energy(a, b)
print(t, w[0])
