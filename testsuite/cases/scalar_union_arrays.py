# Scalars whose type is known only at run time, used with arrays: NumPy promotes them the same
# way on every path here, so each stays one fused expression.
# args:
# args: x y z
import sys
import numpy as np

a = np.arange(6, dtype=np.float64)
b = np.arange(6, dtype=np.float32)
s = 2
if len(sys.argv) > 2:
    s = 0.5
print(a * s, b + s, a > s)
a[1] = s
a[3:5] = s
print(a)
print(np.sqrt(s), np.maximum(s, 1), max(s, 1), min(s, 3))
n = 3
if len(sys.argv) > 2:
    n = True
print(n, n + 1)
for i in range(n):
    print(i, end=" ")
print()
t = 1
if len(sys.argv) > 2:
    t = np.float32(1.5)
print(t, t * 2, b * t)


def scale(v, factor):
    return v * factor


print(scale(a, s), scale(s, s))
nan = float("nan")
print(max(1.0, nan), max(nan, 1.0), min(2, 1.5, 3), max(True, 0), max(1, True), min(-0.0, 0), max(3, 3.0))
