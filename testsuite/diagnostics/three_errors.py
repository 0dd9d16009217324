# Three independent errors; all three must be reported, in source order.
import numpy as np

a = np.arange(10) * 1.0
b = np.roots(a)
c = [x for x in ("a", "b") if x]
print(np.sum(a))
d = np.mean(a, where=a > 0.0)
print(d)
