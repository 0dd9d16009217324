import numpy as np

a = np.linspace(0.0, 1.0, 5)
for x in a:
    print(x)
