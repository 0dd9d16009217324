# exit: 1
# stderr: exception
# args:
# args: 1
# args: 1 2
# NumPy converts the `decimals` of a round to a C int first: beyond it, OverflowError (a
# Python float rounds with any ndigits). Found by the fuzzer.
import sys
import numpy as np

k = len(sys.argv)
print(round(2.5, 2**62), round(np.float64(2.5), 2**31 - 1))
if k == 1:
    print(round(np.int64(7), 2**62))
elif k == 2:
    print(round(np.float32(2.5), -2**31 - 1))
else:
    print(np.round(np.ones(2), 2**31))
