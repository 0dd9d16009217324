# rtol: 1e-12
# math.erf, math.erfc, math.gamma and math.lgamma of Python floats (C's erf, erfc, tgamma,
# lgamma: CPython computes gamma and lgamma with its own Lanczos sums, so the last digits
# may differ).
import math
import numpy as np

for x in [0.5, 1.0, 2.5, -1.5, 10.0, 0.1]:
    print(x, math.erf(x), math.erfc(x), math.gamma(x), math.lgamma(x))
print(math.gamma(171.0), math.lgamma(-2.5), math.erf(np.float64(0.3)))
