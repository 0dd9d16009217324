# exit: 1
# stderr: exception
# A bool in a shape is not an integer: NumPy's TypeError, whose message depends on
# whether the bool is an item of a tuple or the whole shape.
# args: tuple
# args: single
# args: single_false
# args: numpy_bool
# args: reshape
# args: reshape_items
import sys

import numpy as np

what = sys.argv[1]
print(np.ones((2, 3)).shape)
flag = what != "never"
if what == "tuple":
    print(np.ones((True, 3)))
elif what == "single":
    print(np.zeros(flag))
elif what == "single_false":
    print(np.full(what == "never", 1.5))
elif what == "numpy_bool":
    print(np.empty(np.bool_(flag)))
elif what == "reshape":
    print(np.arange(6).reshape((3, flag)))
else:
    print(np.arange(6).reshape(flag, 6))
print("not reached")
