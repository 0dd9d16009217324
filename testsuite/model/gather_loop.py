# The `gather-in-loop` lint (testsuite/tests/model.rs): a sort, which has no distributed
# version, inside a loop.
import numpy as np

a = np.arange(1000.0)
for i in range(3):
    b = np.sort(a)
    a = a + b[0]
print(a[0])
