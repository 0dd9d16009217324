# exit: 1
# stderr: exception
# An integer array to a negative integer power raises ValueError from inside a kernel. On a
# GPU the thread records the error and the runtime raises it before the next output, so the
# line after the statement is never printed, as under NumPy.
import numpy as np

a = np.arange(1, 7)
b = np.array([2, 1, 0, 1, 2, -1])
print("before", a ** np.abs(b))
c = a ** b
print("after", c)
