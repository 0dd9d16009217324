# exit: 1
# stderr: exception
import numpy as np

print(np.uint8(255), np.int8(-128), np.uint8(3.9), np.uint16(-0.5))
x = np.uint32(7)
print(x + 4294967288)
print(x + 4294967296)
