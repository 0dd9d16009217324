# legatec: ValueError: a negative number to a fractional power is a complex number in Python, and legatec has no complex numbers
# CPython prints (1.0000000000000002+1.7320508075688772j): legatec has no complex numbers and
# raises rather than print `nan`.
import sys

base = -8.0 + len(sys.argv) - 1
print("before")
print(base ** (1 / 3))
