import numpy as np

a = np.arange(4.0)
z = np.ones(3, dtype=np.complex128)
b = np.nan_to_num(a, copy=False)
c = np.nan_to_num(z)
d = np.convolve(a, a, mode="middle")
e = np.convolve(z, z)
f = np.pad(a, 1, mode="edge", constant_values=2)
g = a.item(1, 2)
h = sorted([1.0, 2.0], key=abs)
i = sorted([1, 2.5])
t = (1.0, "x")
j = t[len(a)]
k = (1, 2)[5]
m = "{} {}".format(1)
n = format(2.5, 7)
o = np.matmul(a.reshape(2, 2), a.reshape(2, 2), out=np.empty(4))
p = np.matmul(a.reshape(2, 2), a.reshape(2, 2), out=np.empty((2, 2), dtype=np.int32))
q = "{0} {}".format(1, 2)
print(b, c, d, e, f, g, h, i, j, k, m, n, o, p, q)
