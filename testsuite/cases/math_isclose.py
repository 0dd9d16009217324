# math.isclose as CPython computes it: relative and absolute tolerances, infinities close only
# to themselves, NaN close to nothing, ints, and an array element.
import numpy as np
import math
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1), math.isclose(0.0, 1e-12, abs_tol=1e-9))
print(math.isclose(float("inf"), float("inf")), math.isclose(float("inf"), 1e308), math.isclose(1, 1), math.isclose(100, 101, rel_tol=0.01))
print(math.isclose(float("nan"), float("nan")), math.isclose(-0.0, 0.0))
a = np.linspace(0.0, 1.0, 11)
print(math.isclose(a[3] * 10.0, 3.0), math.isclose(a[3], 0.3, rel_tol=1e-15))
