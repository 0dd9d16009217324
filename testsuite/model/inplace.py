# The model's in-place stencil (testsuite/tests/model.rs): a store into a view of the array
# its operands view at other rows, which the runtime computes into a temporary first.
import numpy as np

p = np.zeros((102, 102))
p[0, :] = 1.0
for it in range(3):
    p[1:-1, 1:-1] = 0.25 * (p[1:-1, 2:] + p[1:-1, :-2] + p[2:, 1:-1] + p[:-2, 1:-1])
print(p[1, 1])
