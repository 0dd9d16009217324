# `range(...)` as a value, not only looped over directly: a list of its items to list(),
# sorted(), sum/min/max and NumPy functions, its length to len(), shown as Python shows
# it, looped over (also reversed and zipped) when held in a variable, read by a function
# from the module's variable.
import numpy as np

n = int(np.sum(np.ones(5)))
idx = list(range(n))
print(idx, sum(range(n)), len(range(2, n)), list(range(0, 10, 3)), len(range(10, 0, -3)), len(range(5, 2)))
perm = list(range(4))
perm.reverse()
print(perm, np.array(range(n)), np.sum(range(1, n)), np.mean(range(0, 7, 2)))
r = range(1, n)
for i in r:
    print(i, end=" ")
print()
for i in reversed(r):
    print(i, end=" ")
print()
for i, j in zip(r, range(10, 20)):
    print(i + j, end=" ")
print()
print(max(range(n)), min(range(3, n)), sorted(range(n, 0, -1)), 3 in list(range(n)))
print(np.array(range(2, 11, 4)) * 2.5, list(range(-3)), list(range(8, 2, -2)))
print(range(n), range(2, n), range(0, 10, 3), str(range(4)), (range(2), 1), f"{range(3)}")

def total():
    s = 0
    for k in r:
        s += k * k
    return s, len(r)

print(total())
