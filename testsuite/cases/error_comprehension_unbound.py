# exit: 1
# stderr: exception
# A comprehension of several `for`s whose item reads a module-level name assigned only after
# it: Python's NameError when it runs (its items' type is never known; it compiled to an
# internal error before: fuzz seed 10236).
import numpy as np
print(np.arange(3))
pairs = [zq_late + j for k in range(3) for j in range(2)]
zq_late = 5
print(pairs)
