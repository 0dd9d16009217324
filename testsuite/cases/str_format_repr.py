# str.format of literal strings (auto, numbered and named fields, conversions, specs, literal
# braces), repr() and format() of numbers, strings, arrays, NumPy scalars and tuples.
import numpy as np
x = 3.14159
a = np.arange(3.0)
print("{:.3f}".format(x), "{} and {}".format(1, "two"), "{1}-{0}".format("a", "b"))
print("{name}: {val:8.2e} {{literal}}".format(name="err", val=1.5e-7))
print("{!r} {!s} {:>6}".format("q", "q", 42), "{}".format(a), "{0:d}/{0:x}".format(255))
print(repr(x), repr("s"), repr(a), repr(np.float64(2.5)), repr(7), repr((1, 2.5)))
print(format(x, ".2f"), format(255, "#x"), format(12), format(np.float32(0.1), ".3e"))
for i in range(3):
    print("Iter {:4d}: residual {:.6e}".format(i, 10.0 ** -i))
print("{:.2%}".format(0.4567), "{:,}".format(1234567), "{:+.1f}".format(2.0))
