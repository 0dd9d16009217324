# exit: 1
# stderr: exception
import numpy as np

a = np.arange(-500, 500).astype(np.int8)
print(a * 100)
print(a * -200)
