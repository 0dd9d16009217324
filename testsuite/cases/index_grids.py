# np.mgrid and np.ogrid: integer and float slices, imaginary steps (a number of points,
# end included), negative steps, one slice (an arange), three axes, and grids used in
# array expressions (a radial function, a sum over a sparse grid); rows split over ranks.
import numpy as np

g = np.mgrid[0:4, 0:3]
print(g.shape, g.dtype)
print(g)
y, x = np.mgrid[0:1:5j, -1:1:3j]
print(y)
print(x)
r = np.sqrt(x ** 2 + y ** 2)
print(r)
print(np.mgrid[0:2:0.5, 1:3])
print(np.mgrid[5:0:-2, 0:2])
print(np.mgrid[0:7], np.mgrid[1:2:0.25], np.mgrid[-1:1:5j], np.ogrid[2:9:3])
a, b = np.ogrid[0:3, 0:5]
print(a, b)
print(a * 10 + b)
n = 40
yy, xx = np.mgrid[0:n, 0:n]
disc = (xx - n / 2) ** 2 + (yy - n / 2) ** 2 < (n / 3) ** 2
print(np.sum(disc), np.sum(xx * disc))
k, j, i = np.mgrid[0:2, 0:3, 0:4]
print(k.shape, np.sum(k * 100 + j * 10 + i))
u, v = np.ogrid[0:1:4j, 0:2:3j]
print(u + v)
# A grid with an empty axis: an array of no bytes (nothing gathered for its stores).
e = np.mgrid[0:3, 0:0]
print(e, e.shape)
