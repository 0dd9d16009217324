# The model's unknown trip count (testsuite/tests/model.rs): a loop that ends on a value
# computed from the arrays.
import numpy as np

x = np.ones(1000)
err = 1.0
while err > 1e-3:
    x = 0.5 * x
    err = np.sum(x) / 1000.0
print(err)
