# a.tolist(): the Python numbers of a 1-D array's elements as a list (floats, ints,
# bools; float32 widened as Python's float() does), a scalar for a 0-d array or a NumPy
# scalar; printed, looped over, summed, sorted, zipped into a dict and changed.
import numpy as np

a = np.linspace(0.0, 1.0, 5)
print(a.tolist())
print(np.arange(4).tolist(), (np.arange(5) % 2 == 0).tolist())
print(np.array([0.1, 0.25], dtype=np.float32).tolist())
print(np.array(3.5).tolist(), np.int32(7).tolist(), a.sum().tolist())
xs = (a * 10).round().tolist()
xs.append(-1.0)
xs.sort()
print(xs, sum(xs), max(xs), len(xs))
vals, counts = np.unique(np.array([3, 1, 3, 2, 1, 3]), return_counts=True)
for v, c in zip(vals.tolist(), counts.tolist()):
    print(v, c)
primes = np.array([2, 3, 5, 7, 11])
print(np.diff(primes).tolist(), [p * 2 for p in primes.tolist()])
empty = np.zeros(0).tolist()
print(empty, len(empty))
