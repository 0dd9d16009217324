# exit: 1
# stderr: exception
import numpy as np

w = np.zeros(1000, dtype=np.uint16)
w[3] = 65535
w[4:8] = 7
print(w.sum())
w[5] = 65536
print(w.sum())
