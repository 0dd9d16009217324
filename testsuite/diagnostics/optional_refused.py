# What legatec refuses of values that may be None: a variable that is None, a string or an
# array depending on the path (None beside one other kind, beside numbers, or beside
# numbers and one array type, is allowed).
import numpy as np

x = None
for i in range(3):
    if i == 1:
        x = "text"
    if i == 2:
        x = np.ones(2)
print(x)
