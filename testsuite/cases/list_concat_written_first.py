# A list written out joined with a list built at run time, in either order, and with a long
# repeated list (a runtime list): Kahan's test of a sum of many tiny terms after a big one.
import numpy as np

r = []
for i in range(4):
    r.append(i * 1.5)
print([0.5] + r, r + [9.0], r + r, [0.25, 0.75] + r + [1.0])
z = [1.0] + [1e-16] * 5000
print(len(z), sum(z), z[0], z[-1])
data = np.array([1.0] + [1e-16] * 10000)
print(data.shape, data.sum())
names = ["a"] + "b c".split()
print(names, len(names))
