# exit: 1
# np.add.at with an index outside the array is NumPy's IndexError.
import numpy as np
rho = np.zeros(4)
np.add.at(rho, np.array([1, 4]), 1.0)
print(rho)
