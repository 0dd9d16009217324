# legatec: ValueError: a negative number to a fractional power is a complex number in Python, which legatec does not make from a float power
# CPython prints (1.0000000000000002+1.7320508075688772j): legatec does not make a complex number
# of a float power (its type would be known only at run time) and raises rather than print `nan`.
import sys

base = -8.0 + len(sys.argv) - 1
print("before")
print(base ** (1 / 3))
