# exit: 1
# stderr: exception
# range() with a step of 0 made as a value: Python's ValueError where it is made.
import numpy as np
step = int(np.sum(np.zeros(3)))
print(len(range(5)))
r = range(1, 5, step)
print(list(r))
