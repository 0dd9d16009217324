# exit: 1
# stderr: exception
# args:
# args: a
# args: a b
# args: a b c
# args: a b c d
# `@` and np.matmul with a scalar operand raise (ValueError: matmul's core dimensions
# need arrays; TypeError between two scalars); np.dot would multiply.
import sys
import numpy as np

x = np.ones((3, 2))
v = np.arange(2.0)
print("before")
k = len(sys.argv)
if k == 1:
    print(x @ np.mean(2))
elif k == 2:
    print(np.matmul(2.0, v))
elif k == 3:
    print(2.0 @ 3.0)
elif k == 4:
    print(np.float64(2) @ np.float32(3))
else:
    print(True @ v)
