# exit: 1
# stderr: exception
# list.remove of an item not in the list: Python's ValueError.
import numpy as np
xs = [1, 2]
xs.append(3)
xs.remove(2)
print(xs)
xs.remove(7)
