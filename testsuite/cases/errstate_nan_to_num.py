# `with np.errstate(...)` (several contexts, in a function with an early return, names bound
# inside read after it) around divisions by zero and logs of zero; np.nan_to_num with its
# defaults, given values, float32, integers and scalars.
import numpy as np

a = np.array([1.0, np.inf, -np.inf, np.nan, 0.0, -2.5])
with np.errstate(over="ignore", invalid="ignore"):
    b = a * 2
    c = 1.0 / a
print(b, c)
with np.errstate(divide="ignore"), np.errstate(all="warn"):
    d = np.log(a)
print(d)


def f(x):
    with np.errstate(all="ignore"):
        y = x / 0.0
        if y[0] > 0:
            return y
    return -y


print(f(a), f(-a))
print(np.nan_to_num(a), np.nan_to_num(a, nan=0.5, posinf=9.0))
print(np.nan_to_num(a.astype(np.float32)), np.nan_to_num(a, neginf=-1), np.nan_to_num(a, copy=True, nan=-7.0, posinf=None))
print(np.nan_to_num(np.arange(3)), np.nan_to_num(float("nan")), np.nan_to_num(np.float32(np.inf)), np.nan_to_num(3))
x = np.linspace(-1, 1, 41)
with np.errstate(divide="ignore", invalid="ignore"):
    r = np.nan_to_num(x / x[20])
print(r[18:23], np.isfinite(r).all(), np.count_nonzero(r == r.max()))
# A new array from an operand that dies with an element of it read as a scalar.
y = np.linspace(-1, 1, 41)
q = y / y[30]
print(q[28:33], np.abs(q).sum())
