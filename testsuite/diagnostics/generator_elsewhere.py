# A generator expression that Python would keep as a generator object (bound to a name,
# printed, returned) is a located error: legatec evaluates generators only where they are
# consumed at once.
import numpy as np

x = np.arange(4.0)
g = (v * 2 for v in x)
print((v for v in x))
