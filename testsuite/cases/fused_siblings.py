# rtol: 1e-12
# Statements that fill new arrays of one shape from operands of that shape, the second not
# reading the first's result, run as one kernel with several outputs (`fuse-siblings`):
# a pricing function returning two arrays, a run of three, outputs of other dtypes, a
# sibling whose kernel also reduces, stencil views read at shifted rows (halos at several
# ranks), 2-D arrays, scalars computed in between, loops that reassign the results, and
# names rebound to a result before the next statement.
# Also pairs that must stay apart: the second reads the first's result, directly or
# through a name rebound in between, and a first that rebinds a name its kernel reads.
import numpy as np


def prices(s, k, t, r, v):
    sq = np.sqrt(t)
    d1 = (np.log(s / k) + (r + 0.5 * v * v) * t) / (v * sq)
    d2 = d1 - v * sq
    disc = k * np.exp(-r * t)
    call = s * 0.5 * (1.0 + np.tanh(d1)) - disc * 0.5 * (1.0 + np.tanh(d2))
    put = disc * 0.5 * (1.0 - np.tanh(d2)) - s * 0.5 * (1.0 - np.tanh(d1))
    return call, put


n = 1003
i = np.arange(n)
s = 10.0 + (i * 7 % 101) * 0.9
k = 10.0 + (i * 13 % 97) * 0.8
t = 0.1 + (i % 17) * 0.15
call, put = prices(s, k, t, 0.02, 0.3)
print(call[:3], put[-3:], np.sum(call), np.sum(put))

# Three siblings and outputs of other dtypes.
a = s * 2.0 + k
b = (s > k)
c = (i * 3) % 7
print(a[:4], b[:6], c[:8], np.sum(a), np.sum(b), np.sum(c))

# A sibling whose kernel also reduces (`fuse-reductions` ran first).
x = s - k
y = t * t
ysum = np.sum(y)
print(x[-2:], y[:2], ysum)

# Stencil views at shifted rows: every operand has the shape of the new arrays.
u = np.sin(i * 0.01)
lap = u[:-2] - 2.0 * u[1:-1] + u[2:]
grad = u[2:] - u[:-2]
print(lap[:3], grad[-3:], np.sum(lap), np.sum(grad))

# 2-D arrays.
m = np.arange(60.0).reshape(6, 10)
m = m * 0.5
p = m + 1.0
q = m * m
print(p[5], q[0], np.sum(p), np.sum(q))

# A scalar computed in between.
e = s * 3.0
scale = 2.0 / n
f = k * scale
print(e[:2], f[:2])

# In a loop, reassigning the results.
acc = np.zeros(n)
for step in range(3):
    call, put = prices(s, k, t + step * 0.1, 0.02, 0.3)
    acc = acc + call - put
print(acc[:3], np.sum(acc))

# Must stay apart: the second reads the first's result (directly, through a new name).
g = s + 1.0
h = g * 2.0
gg = g
hh = gg - s
print(h[:2], hh[:2], g[:2])

# Must stay apart: the first rebinds a name its own kernel reads.
s2 = s.copy()
s2 = s2 * 2.0
k2 = k + s2
print(s2[:2], k2[:2], np.sum(k2))

# Names rebound to the results in between (`xs = xs + ...`, then `ys = ys * ...`): the new
# bindings come after the fused kernel, which reads the arrays bound before.
xs = s.copy()
ys = k.copy()
for step in range(3):
    xs = xs + ys * 0.5
    ys = ys * 0.9 - 1.0
    zs = ys + 1.0
    ws = xs * ys
print(xs[:3], ys[-3:], zs[:2], ws[:2], np.sum(xs), np.sum(ys))
