# rtol: 2e-2
# The variance of values near 2**64, ill-conditioned: a mean a few units in its last place
# off is a variance several times off. Added pairwise, as NumPy adds, the result is within
# 1.2% of the exact 456332603.6 (NumPy's 461736247.3; another split over ranks rounds
# otherwise, within the same distance); one running sum gave 1824981516.3, 4x.
import numpy as np

base = np.arange(2000).reshape(500, 4)
d = (base % 13 + 1).astype(np.uint64) - (base * 37 + 11).astype(np.uint64)
print(d.var(), d.std())
print(d.mean())
print(d.astype(np.float64).sum())
