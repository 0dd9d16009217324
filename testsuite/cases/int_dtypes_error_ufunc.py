# exit: 1
# stderr: exception
import numpy as np

u = np.arange(300).astype(np.uint8)
print(np.maximum(u, 200)[250:260])
print(np.minimum(u, -1))
