# whitespace: exact
# np.save writes .npy files (appending the suffix when missing) for every dtype and rank,
# views included; np.load reads them back. The dtype and rank of each load come from the
# np.save of the same path earlier in the script.
import numpy as np

grid = np.zeros((3, 4))
grid += 0.5
grid[1] = np.array([1.0, -2.0, 3.5, 1e300])
np.save("grid.npy", grid)
np.save("vector", np.linspace(0.0, 1.0, 5))
np.save("scalar.npy", np.float64(2.5) * np.ones(1)[0])
np.save("single.npy", np.array([0.1, 0.2, 0.7], dtype=np.float32))
np.save("ints.npy", np.arange(-3, 3))
np.save("ints32.npy", np.array([[1, -2], [300000, 4]], dtype=np.int32))
np.save("flags.npy", np.arange(6) % 3 == 0)
np.save("view.npy", grid[::2, ::-1])
np.save("column.npy", grid[:, 1])
np.save("empty.npy", np.zeros(0))
np.save("cube.npy", np.ones((2, 3, 2), dtype=np.int64))
np.save("literal.npy", [[1.5, 2.5], [3.5, 4.5]])
np.save("python_int.npy", 7)

g = np.load("grid.npy")
print(g, g.dtype, g.shape)
v = np.load("vector.npy")
print(v, v.dtype, v.shape)
s = np.load("scalar.npy")
print(s, s.dtype, s.shape, s.ndim)
f = np.load("single.npy")
print(f, f.dtype)
i = np.load("ints.npy")
print(i, i.dtype)
i32 = np.load("ints32.npy")
print(i32, i32.dtype)
b = np.load("flags.npy")
print(b, b.dtype)
w = np.load("view.npy")
print(w, w.shape)
col = np.load("column.npy")
print(col)
e = np.load("empty.npy")
print(e, e.shape)
c = np.load("cube.npy")
print(c.sum(), c.shape)
lit = np.load("literal.npy")
print(lit)
p = np.load("python_int.npy")
print(p, p.dtype, p.ndim)

# Loaded arrays are ordinary arrays; saving again overwrites.
g[0] = g[1] * 2
np.save("grid.npy", g[:2])
g2 = np.load("grid.npy")
print(g2.shape, np.sum(g2[0] == g[0]))
