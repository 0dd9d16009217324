# exit: 1
# stderr: exception
# An axis known only at run time outside a C int: NumPy's reductions refuse it with
# ValueError before any bounds check (found by fuzz seed 1853).
import numpy as np
base = np.arange(6, dtype=np.int32)
n = 2**62
print(np.sum(base, 0))
print(np.min(base, n))
