# `int ** int` is an int when the exponent is never negative, known at compile time from
# int literals bound once (`R, K = 2, 5`), counting loops' variables, lengths, and sums,
# products, powers, floor quotients and remainders of those, also through parameters whose
# every caller passes such a value. So `R ** K` can size arrays and grids. Where the sign is
# known only at run time the power is an int or a float then, as Python's.
import numpy as np

R, K = 2, 5
N = R**K
print(N, np.arange(N).sum(), np.arange(R ** (K // 2)).dtype)

def grid(R, K):
    ii, jj = np.mgrid[0:R, 0:R**K]
    return ii.sum() + jj.sum(), np.arange(R**K % 7 + 1)

print(grid(R, K))
print(grid(3, 2))
for i in range(3):
    print(grid(2, i))
    print(np.ogrid[0:R**i].dtype, np.arange(R**(i + 1) * 2))

def stages(R, K, y):
    out = []
    for i in range(K):
        # `K - i - 1` may be negative as far as types go: the shape needs an int, and gets it.
        yv = np.reshape(y, (R**i, R, R**(K - i - 1)))
        out.append(float(np.transpose(yv, axes=(1, 0, 2))[1, 0, -1]))
    return out

print(stages(R, K, np.arange(N, dtype=np.float64)))

def power(b, e):
    return b ** e

m = 3
m = m - 4
print(power(2, m), power(2, 3), power(2, -2), power(R, K))
