# What legatec refuses of values that may be None: a variable that is None, a number or an
# array depending on the path (None beside one other kind, or beside numbers, is allowed).
import numpy as np

x = None
for i in range(3):
    if i == 1:
        x = 2.5
    if i == 2:
        x = np.ones(2)
print(x)
