# exit: 1
# stderr: exception
# args:
# args: 1
# Python's round() of a NumPy array (0-d too) is a TypeError: arrays have no __round__ in
# NumPy 2 (np.round rounds them). Found by the fuzzer: legatec rounded.
import sys
import numpy as np

x = np.linspace(-0.9, 0.9, 7)
print(np.round(x, 1), round(x[1], 3))
if len(sys.argv) == 1:
    print(round(x[1:], 3))
else:
    print(round(np.array(2.5)))
