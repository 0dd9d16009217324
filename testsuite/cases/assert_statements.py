# assert statements that hold (sizes, sums, np.allclose, inside a function); the message
# is only evaluated where the test fails.
import numpy as np

a = np.arange(5.0)
n = len(a)
assert n == 5, "bad size"
assert a.sum() > 0
assert np.allclose(a, a), f"mismatch {a}"


def f(x):
    assert x.ndim == 1, "want 1-D"
    return x * 2


print(f(a))
for k in range(3):
    assert a[k] == k, f"a[{k}] is {a[k]}"
print("ok")
