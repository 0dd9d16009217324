# np.copyto with where= (a mask of the destination's shape, or broadcast along it) and casting='same_kind'.
import numpy as np

a = np.zeros((3, 4))
b = np.arange(12.0).reshape(3, 4)
np.copyto(a, b, where=b > 5)
print(a)
np.copyto(a, -1.0, where=np.array([True, False, True, False]))
print(a)
c = np.arange(5)
np.copyto(c, np.array([9, 8, 7, 6, 5]), where=c % 2 == 0, casting="same_kind")
print(c)
