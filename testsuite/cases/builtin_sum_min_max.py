# Python's builtin sum (of lists, tuples and arrays, with a start) and min/max of one list,
# tuple or 1-D array (NaN never wins unless it comes first, as Python compares).
import numpy as np

print(sum([1, 2, 3]), sum((0.5, 1.5)), sum([1, 2], 10), sum([]))
v = np.arange(5.0)
print(sum(v), sum(np.arange(6).reshape(2, 3)), sum(v, 1.5))
print(max([3, 9, 2]), min((2.5, 0.5)), max(v), min(np.arange(3) + 4))
w = np.array([1.0, np.nan, 3.0])
print(max(w), min(w), max(np.array([np.nan, 2.0])), min(np.array([np.inf, np.nan])))
