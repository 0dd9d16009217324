import numpy as np

x = 3
for i in range(2):
    x = np.zeros(4)
print(x)
