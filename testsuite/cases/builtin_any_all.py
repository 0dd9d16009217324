# Python's any() and all(): over lists and tuples of Python numbers, NumPy scalars and
# comparisons (Python truthiness: 0, 0.0 and False are false, NaN is true), empty lists,
# and over 1-D arrays (their elements), lazy ones too.
import numpy as np

v = np.array([3, 1, 2])
print(any(v > 2), all(v > 0), any(v > 5), all(v > 1))
print(any([0, 0.0, False]), any([0, 2]), all([1, 2.5, True]), all([1, 0]))
print(any([]), all([]), any(()), all((3,)))
x = np.linspace(0.0, 1.0, 5)
print(any(x), all(x), all(x + 1.0), any(x - x))
print(all([np.float64(np.nan), 1]), any([np.nan]), all(np.array([np.nan, 1.0])))
print(any([x.sum() > 2, x.max() > 3]), all((x.min() == 0.0, len(x) == 5)))
n = 4
flags = [n > 3, n % 2 == 0, n != 0]
print(all(flags), any(flags), all([n > 5, n > 1]))
print(any(np.zeros(3, dtype=bool)), all(np.ones(0)), any(np.ones(0)))
print(any(np.arange(-2, 3) > 1), any(v > 2) + 1)
if any(v == 1) and not all(v == 1):
    print("some ones")
