# exit: 1
# stderr: exception
# args:
# args: 1
# args: 1 2
# max/min along an empty axis is NumPy's ValueError even where the result is empty too (a
# (0, 0) array along axis 1); along a non-empty axis of an empty array it is an empty
# result. Found by the fuzzer: legatec printed [].
import sys
import numpy as np

k = len(sys.argv)
print(np.max(np.zeros((0, 3)), axis=1), np.min(np.ones((4, 3)), axis=0), np.sum(np.zeros((0, 0)), axis=1))
if k == 1:
    print(np.max(np.zeros((0, 0)), axis=1))
elif k == 2:
    print(np.min(np.zeros((3, 0)), axis=1))
else:
    print(np.max(np.zeros((0, 3)), axis=0))
