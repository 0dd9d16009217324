# whitespace: exact
# f-strings with format specs.
import math

x = 3.14159265358979
y = -0.000123456
big = 123456789.125
n = 42
m = -7
flag = True
print(f"{x:.3f} {y:.3f} {big:.3f}")
print(f"{x:e} {y:e} {big:e}")
print(f"{x:.2e} {y:.2e} {big:.2e}")
print(f"[{n:5d}] [{m:5d}] [{n:d}]")
print(f"[{x:10.4f}] [{y:10.4f}] [{big:10.4f}]")
print(f"{x} {y} {big} {n} {m} {flag}")
print(f"n={n}, m={m}, sum={n + m}, ratio={n / m:.4f}")
print(f"pi is about {math.pi:.6f} and e is about {math.exp(1.0):.6f}")
for i in range(4):
    print(f"{i:3d}: {math.sqrt(i):.5f} {i ** 2:4d}")
print(f"{0.5:.0f} {1.5:.0f} {2.5:.0f} {2.675:.2f}")
print(f"{1e-5} {1e16} {0.1 + 0.2}")
