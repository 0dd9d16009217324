# exit: 1
# stderr: exception
# args: 0
# args: 1
# args: 2
# args: 3
# args: 4
# An accumulator that starts as a Python number and stays one (its loop ran no
# iteration): Python's errors where only an array would do.
import sys
import numpy as np

which = int(sys.argv[1])
A = np.arange(12.0).reshape(4, 3)
n = len(sys.argv) - 2
acc = 0
for i in range(n):
    acc = acc + A[i]
print(acc)
if which == 0:
    print(acc[1])
elif which == 1:
    print(acc.sum())
elif which == 2:
    print(len(acc))
elif which == 3:
    acc[0] = 1.0
else:
    f = 0.5
    for row in A[:n]:
        f = f * row
    print(f, f.shape)
