# exit: 1
# A failed np.testing.assert_allclose ends the program with AssertionError (legatec's message
# is NumPy's first lines, without its table of mismatches, so stderr is not compared).
import numpy as np

a = np.linspace(0, 1, 11)
np.testing.assert_allclose(a, a * (1 + 1e-9))
print("close")
np.testing.assert_allclose(a, a + 1e-3, err_msg="drifted")
print("unreached")
