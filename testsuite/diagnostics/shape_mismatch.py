import numpy as np
u = np.zeros(10)
v = u[1:] - u[:-2]
w = np.ones((3, 4)) * np.ones(3)
print(v, w)
