# exit: 1
# np.add.at with an index out of range raises NumPy's IndexError after the updates before it.
import numpy as np

a = np.zeros((3, 2))
np.add.at(a, ([0, 2], [1, 1]), 1.0)
print(a)
np.add.at(a, ([0, 2], [1, 2]), 1.0)
print(a)
