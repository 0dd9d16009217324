# An axis known only when running (a variable, a loop over axes, a function's parameter):
# one branch per axis the call accepts, chosen at run time; negative axes count from the
# end; reductions, scans, roll, flip, concatenate, stack, expand_dims, methods.
import numpy as np
a = np.arange(12.0).reshape(3, 4)
ax = 1
print(np.roll(a, 1, axis=ax))
print(np.sum(a, axis=ax), a.sum(ax), a.max(axis=ax), np.mean(a, ax))
for k in range(2):
    print(np.sum(a, axis=k), np.cumsum(a, axis=k)[-1], np.diff(a, axis=k).shape)
for k in (0, 1, -1):
    print(np.roll(a, 1, axis=k)[0], np.flip(a, k)[0], np.concatenate([a, a], axis=k).shape)
    print(np.stack([a, a], axis=k).shape, np.expand_dims(a, k).shape)
def grad(u, axis):
    return np.roll(u, -1, axis=axis) - u
print(grad(a, 0) + grad(a, 1))
b = np.arange(24.0).reshape(2, 3, 4)
for k in range(3):
    print(b.sum(axis=k).sum(), np.argmax(b, axis=k)[0])
