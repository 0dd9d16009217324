# exit: 1
# stderr: exception
# Two reads out of bounds in one expression: an element of `b`, then a row of `A` (a
# view). Python raises for the first one it evaluates (`b`'s size in the message).
import numpy as np

b = np.arange(4.0)
A = np.ones((6, 3))
for k in range(7):
    row = b[k] + A[k]
    print(row)
