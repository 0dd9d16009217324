import sys
import numpy as np

x = np.zeros(3)
for i in range(len(sys.argv)):
    x = np.zeros((4, 4))
print(x)
