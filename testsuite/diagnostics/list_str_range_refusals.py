# What the lists of strings, ranges, `and`/`or` values, np.select, ravel and list equality
# of this compiler still refuse: each a located error.
import numpy as np

words = "b a c".split()
r = range(2, 9)
print(r[1:3])
print(r[1.5])
print(3 in words)
print(sum(words))
n = int(np.sum(np.ones(2)))
v = n or 2.5
x = np.arange(4.0)
conds = []
conds.append(x > 1)
print(np.select(conds, [x]))
print(x.ravel(order="K"))
arrays = []
arrays.append(x)
print(arrays == [x])
nums = []
nums.append(1.5)
print(", ".join(nums))
