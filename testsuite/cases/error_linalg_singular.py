# exit: 1
# stderr: exception
# Solving a singular system raises NumPy's LinAlgError (an exactly zero pivot).
import numpy as np

a = np.array([[1.0, 2.0], [2.0, 4.0]])
print(np.linalg.det(a))
print(np.linalg.solve(a, np.ones(2)))
