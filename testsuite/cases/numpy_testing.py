# np.testing assertions that hold (assert_allclose with rtol/atol and NaNs, assert_array_equal
# of an array and a list, assert_array_almost_equal, assert_almost_equal with decimal=,
# assert_equal with NaNs), imported both ways: they print nothing.
import numpy as np
from numpy.testing import assert_allclose
a = np.linspace(0, 1, 11)
b = a + 1e-9
np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-8)
assert_allclose(a.sum(), 5.5)
np.testing.assert_array_equal(np.arange(4), [0, 1, 2, 3])
np.testing.assert_array_almost_equal(a, b)
np.testing.assert_almost_equal(np.pi, 3.1415926, decimal=6)
np.testing.assert_equal(np.array([np.nan, 1.0]), np.array([np.nan, 1.0]))
np.testing.assert_allclose(np.array([1.0, np.nan]), np.array([1.0, np.nan]))
print("all passed")
