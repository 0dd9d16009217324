# List comprehensions with `if` filters building arrays: a filter on the loop variable,
# several `if`s, a filter on array values, rows of a 2-D result, a filter that keeps
# nothing (NumPy's empty float64 array), and one over an array's elements.
import numpy as np

n = 30
print(np.array([i * i for i in range(n) if i % 3 == 0]))
print(np.array([i for i in range(n) if i % 2 if i > 10]))
v = np.sin(np.arange(20) * 0.7)
print(np.array([x * 2.0 for x in v if x > 0.1]))
rows = np.array([np.arange(4) * k for k in range(8) if k % 2 == 1])
print(rows, rows.shape)
none = np.array([float(k) for k in range(5) if k > 9])
print(none, none.shape, none.dtype)
print(np.sum(np.array([k / 2 for k in range(100) if k % 7 != 3])))
total = np.array([a + b for a, b in zip(range(10), range(10, 20)) if (a + b) % 4 == 0])
print(total, len(total))
