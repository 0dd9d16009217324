# exit: 1
# stderr: exception
# A variable bound only inside a loop body is unbound after a loop that never ran, and a
# variable bound later in a loop body is unbound on the first iteration only.
import numpy as np

n = 2
for i in range(n):
    if i == 1:
        print(a.sum())
    a = np.ones(3) * (i + 1)
count = 0
for j in range(count):
    pass
print(j)
