# exit: 1
# stderr: exception
# args:
# args: 1
# np.linspace with a negative number of samples is NumPy's ValueError naming it (found by
# the fuzzer: legatec printed []), a constant or known only at run time.
import sys
import numpy as np

k = len(sys.argv)
print(np.linspace(0.0, 1.0, 3 - k), np.linspace(0, 1, 0))
if k == 1:
    print(np.linspace(0, 5e-324, -10))
else:
    print(np.linspace(0.0, 1.0, 1 - 2 * k))
