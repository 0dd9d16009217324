# Complex arrays under boolean masks, index arrays, element stores and iteration.
import numpy as np
z = (np.arange(12.0) + 1j * np.arange(12.0)[::-1]).reshape(3, 4)
w = np.exp(0.5j * np.arange(6))
print(w[np.abs(w.imag) > 0.5], w[[0, 2, 5]], z[[0, 2], 1:3], z[:, [3, 0]])
w[w.real < 0] = 0
print(w)
z[1, [0, 2]] = 5j
print(z, z[z.real > 5])
for v in w[:3]:
    print(v)
idx = np.argmax(np.abs(w))
print(idx, w[idx])
