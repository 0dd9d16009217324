# A reduction along the one axis of a 1-D array is a NumPy scalar, as NumPy's (int() takes it),
# keepdims still a 1-D array.
import numpy as np
a = np.arange(6) * 1.5
u = np.arange(10, dtype=np.uint8)
print(int(np.add.reduce(a)), float(a.sum(axis=0)), int(np.bitwise_xor.reduce(u)), a.argmax(axis=0), int(np.maximum.reduce(u)))
print((np.add.reduce(a), a.mean(axis=0), a.max(axis=-1), np.argmin(a, axis=0)), np.sum(a, axis=0, keepdims=True))
