# rtol: 1e-14
# The math module: sqrt, exp, log and pi on Python floats.
import math

print(math.pi)
print(math.sqrt(2.0), math.sqrt(16.0), math.sqrt(1e-10))
print(math.exp(0.0), math.exp(1.0), math.exp(-2.5))
print(math.log(1.0), math.log(10.0), math.log(math.exp(3.0)))
r = 2.5
area = math.pi * r ** 2
print(f"area = {area:.6f}")
s = 0.0
for k in range(1, 200):
    s += 1.0 / (k * k)
print("basel:", math.sqrt(6.0 * s))
print(math.sqrt(9), math.exp(2), math.log(100))
