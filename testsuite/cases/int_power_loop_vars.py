# An int to the power of a counting loop's variable is an int (the variable of a range from a
# non-negative start upwards is never negative): 2 ** i sizes arrays; a range from a
# negative start still gives floats for negative exponents.
import numpy as np


def stages(n):
    total = 0
    for i in range(n):
        m = 2 ** i
        a = np.arange(m)
        total += a.sum() + 3 ** (i + 1)
    return total


for k in range(1, 4):
    m = 4 ** k
    print(k, m, np.arange(m).reshape(-1, 2 ** k).shape)
print(stages(5))
j = 3
for j in range(-2, 2):
    print(2 ** j)
x = 2
for s in range(0, 10, 3):
    print(x ** s, np.ones(2 ** s).size)
