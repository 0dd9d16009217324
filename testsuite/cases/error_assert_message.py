# exit: 1
# stderr: exception
# A failed assert: AssertionError with its message formatted (an f-string of an element).
import numpy as np

a = np.arange(5.0)
assert a.sum() == 10.0
print("first holds")
assert a[2] == 3.0, f"a[2] is {a[2]}, not 3"
print("unreached")
