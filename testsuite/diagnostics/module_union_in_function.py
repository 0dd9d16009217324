# A module-level tuple holding a value that may be None (a union in the module body's own
# places), read inside a function: a located error, not a compiler crash (found while fixing
# fuzz seed 8612's module-level lists read in functions).
import numpy as np
x = None
for i in range(3):
    if i == 1:
        x = 2.5
T = (x, 1)
def f():
    s = 0.0
    for k in range(2):
        s += k
    return T[0], s
print(f())
