# whitespace: exact
# repr of Python floats: shortest round-trip digits, scientific notation
# below 1e-4 and at 1e16 and above, inf and nan.
print(1e-05, 0.0001, 0.001, 0.1, 100.0, 1e16, 1e15, 123456789.0)
print(1.5e-300, 2.5e300, 1e22, 1.0, 0.5, 3.0e-7)
print(1 / 3, 2 / 3, 10 / 3, 1e16 / 3)
print(5e-324, 1.7976931348623157e308)
inf = 1e308 * 10.0
print(inf, -inf, inf - inf)
nan = inf - inf
print(nan == nan, inf > 1e308, -inf < -1e308)
print(123456789012345678.0, 0.000123, 12345.678)
print(2.0 ** 60, 2.0 ** -30)
print(-1.25, -0.001, -1e-10)
