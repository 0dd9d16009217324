# Integer literals beyond int64 are compile errors: legatec's Python ints are 64-bit.
# The hint offers the float literal; the most negative int64 is fine.
import numpy as np

avogadro = 602214076000000000000000
smallest = -9223372036854775808
x = np.zeros(3)
print(x + 0x1_0000_0000_0000_0000, smallest)
