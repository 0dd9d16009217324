# bool() of None, tuples, lists written out and lists built at run time: Python's truth
# (fuzz seed 1 found `bool(x)` of an optional value raising TypeError where x was None).
import numpy as np

a = np.array([3.0, -1.0, 4.0, 1.5, -9.0, 2.5])
x = None
for i in range(3):
    if np.sum(np.ones(2)) < 1.0:
        x = a[i + 1]
print(f"x={x}", str(x), bool(x))
y = None
for i in range(3):
    if a[i] < 0:
        y = a[i]
print(y, bool(y), bool(None), bool(()), bool((0,)), bool([]), bool([0.0]))
xs = []
print(bool(xs))
xs.append(0)
print(bool(xs))
