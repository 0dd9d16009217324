import numpy as np

a = np.ones(4)
if a > 0.5:
    print("big")
