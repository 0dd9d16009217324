# `a.shape = ...`: an array's own shape changed in place (an int, a tuple, -1, chained
# targets), in the module body and in a function, on a view of a grid (np.mgrid's rows),
# then used for indexing; the escape-time Mandelbrot that flattens its grids this way.
import numpy as np

a = np.arange(12.0)
a.shape = (3, 4)
print(a, a.sum(axis=0))
a.shape = (2, -1)
print(a.shape, a[1])
b = np.zeros((2, 3), dtype=np.int32)
b.shape = 6
b[4] = 7
print(b)


def mandelbrot(xn, yn, itermax):
    Xi, Yi = np.mgrid[0:xn, 0:yn]
    X = np.linspace(-2.25, 0.75, xn)[Xi]
    Y = np.linspace(-1.25, 1.25, yn)[Yi]
    C = X + Y * 1j
    N_ = np.zeros(C.shape, dtype=np.int64)
    Xi.shape = Yi.shape = C.shape = xn * yn
    Z = np.zeros(C.shape, np.complex128)
    for i in range(itermax):
        if not len(Z):
            break
        np.multiply(Z, Z, Z)
        np.add(Z, C, Z)
        rem = abs(Z) > 2.0
        ind = np.logical_not(rem)
        N_[Xi[rem], Yi[rem]] = i + 1
        Z = Z[ind]
        Xi, Yi = Xi[ind], Yi[ind]
        C = C[ind]
    return N_.T


N = mandelbrot(30, 20, 25)
print(N.sum(), N[5, 10:20], np.count_nonzero(N))
