# exit: 1
# A singular complex matrix is NumPy's LinAlgError, as a real one.
import numpy as np

S = np.ones((3, 3)) * (1 + 1j)
print(np.linalg.solve(S, np.ones(3)))
