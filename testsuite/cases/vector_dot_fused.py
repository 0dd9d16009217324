# rtol: 1e-10
# Products of two float vectors (`a.dot(b)`, `np.dot`, `@`, `np.matmul`) are sums of the
# elements' products, computed by a reduction kernel that fuses with the kernel storing an
# operand: conjugate gradients on a 1-D Laplacian written with slices, whose update of x
# and r and whose `r.dot(r)` are one kernel. Also views at shifted offsets (halos at
# several ranks), float32 vectors (float32 sums), mixed float32 and float64, empty
# vectors, and a product inside an expression.
import numpy as np

n = 203
b = np.ones(n)
x = np.zeros(n)
r = b.copy()
p = r.copy()
Ap = np.zeros(n)
rsold = r.dot(r)
for it in range(150):
    Ap[1:-1] = 2.0 * p[1:-1] - p[:-2] - p[2:]
    Ap[0] = 2.0 * p[0] - p[1]
    Ap[-1] = 2.0 * p[-1] - p[-2]
    alpha = rsold / np.dot(p, Ap)
    x = x + alpha * p
    r = r - alpha * Ap
    rsnew = r @ r
    if np.sqrt(rsnew) < 1e-9:
        break
    p = r + (rsnew / rsold) * p
    rsold = rsnew
print(it, x[:4], x[n // 2], np.sqrt(rsnew))

# Views at shifted offsets, and in expressions.
v = np.linspace(-1.0, 2.0, 101)
w = np.cos(v)
print(v[1:].dot(w[:-1]), np.matmul(v[:-3], v[3:]), 2.0 * (v @ w) + 1.0)
print(np.dot(v[:-1:2], w[1::2]))

# float32: a float32 result; mixed dtypes promote to float64.
f = (np.arange(50, dtype=np.float32) - 20.0) * np.float32(0.25)
g = np.sqrt(np.abs(f))
s32 = f.dot(g)
print(s32.dtype, np.round(s32, 3), (f @ f).dtype, np.dot(f, v[:50]).dtype)
print(np.round(float(np.dot(f, v[:50])), 8))

# Empty vectors sum to zero.
e = np.zeros(0)
print(e.dot(e), np.zeros(0, dtype=np.float32) @ np.zeros(0, dtype=np.float32))

# A chain inside a function, the norm of a new vector.
def step(x, d, h):
    y = x - h * d
    return y, np.sqrt(y.dot(y))

y, norm = step(v, w, 0.1)
print(np.round(y[:3], 10), norm)
