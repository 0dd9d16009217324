# whitespace: exact
# printf-style % formatting.
a = 12
b = 2.0 / 3.0
c = "text"
d = 12345.6789
print("%d %.3f %s %e" % (a, b, c, d))
print("%d|%5d|%3d|" % (-3, 42, 7))
print("%.1f %.0f %10.4f" % (b, d, -b))
print("%s %s %s" % (a, b, True))
print("%e %.2e" % (0.000123, -98765.4321))
print("iteration %d residual %.6e" % (10, 1.5e-7))
print("value: %f" % 3.5)
name = "jacobi"
print("%s took %d steps" % (name, 25))
