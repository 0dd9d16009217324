# Reductions of scalars (0-d): np.mean(2.0) used to crash the compiler.
import numpy as np

x = 2.5
n = 3
print(np.mean(2.0), np.mean(n), np.mean(np.float32(x)), np.mean(True))
print(np.sum(x), np.sum(n), np.prod(n), np.max(x), np.min(n))
print(np.any(0), np.all(x), np.argmax(x), np.argmin(n))
print(np.mean(x) * 2, np.mean(np.arange(4.0)))
