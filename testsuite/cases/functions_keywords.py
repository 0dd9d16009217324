# Functions as real scripts write them: defaults, keyword arguments, module-level
# constants, a module passed as an argument, several arrays returned, lambdas.
import numpy as np
import numpy

SCALE = 2.5
OFFSET = np.float32(0.25)


def initialize(np, n, fill=1.0, dtype=np.float64):
    a = np.full((n, n), fill, dtype=dtype)
    b = np.arange(n * n, dtype=dtype).reshape(n, n)
    return a, b


def smooth(u, weight=0.5, passes=1):
    for _ in range(passes):
        u[1:-1] = weight * u[1:-1] + (1 - weight) * 0.5 * (u[:-2] + u[2:])
    return u


def stats(x, scale=SCALE):
    return np.min(x) * scale, np.max(x) * scale, np.mean(x)


def combine(a, b, op=None):
    return a + b if op is None else a * b


a, b = initialize(numpy, 4)
print(a, b)
a32, b32 = initialize(np, 3, fill=2.0, dtype=np.float32)
print(a32.dtype, b32.dtype, a32 + OFFSET)
u = np.linspace(0.0, 1.0, 9) ** 2
print(smooth(u.copy()), smooth(u.copy(), passes=3), smooth(u.copy(), weight=0.25, passes=2))
lo, hi, mean = stats(b)
print(lo, hi, mean)
print(stats(b, scale=1.0), stats(x=a))
print(combine(a, b))
square = lambda t: t * t
affine = lambda t, m, c: m * t + c
print(square(3), square(b), affine(b, 2.0, -1.0), affine(2, 3, 4))
print((lambda z: z + 1)(41))


def apply_twice(f, x):
    return f(f(x))


halve = lambda v: v / 2
print(apply_twice(halve, b), apply_twice(square, 3))
