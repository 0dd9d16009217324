# rtol: 1e-12
# np.var/np.std and the methods with keepdims, axis tuples, negative axes and ddof (layer
# normalisation's np.var(x, axis=-1, keepdims=True)).
import numpy as np
x = np.arange(60, dtype=np.float64).reshape(3, 4, 5) ** 1.5
print(np.var(x, axis=-1, keepdims=True))
print(x.std(axis=(0, 2)), x.var(axis=(0, 2), keepdims=True).shape)
print(np.std(x, axis=1, ddof=1, keepdims=True))
print(x.var(keepdims=True), x.var(), x.std(axis=None, keepdims=True).shape)
y = np.arange(12, dtype=np.int32).reshape(3, 4)
print(y.var(axis=0, keepdims=True), y.var(axis=(1,)))
z = np.ones((4, 3), dtype=np.float32) * np.float32(1.5)
print(z.var(axis=1, keepdims=True).dtype, z.std(axis=(0, 1)))
e = np.zeros((0, 3))
print(e.var(axis=1), e.var(axis=1, keepdims=True).shape)
mu = x.mean(axis=-1, keepdims=True)
sd = np.sqrt(np.var(x, axis=-1, keepdims=True) + 1e-5)
print(((x - mu) / sd)[1, 2])
