# exit: 1
# stderr: exception
# math's integer functions and math.log with a base, as CPython computes them.
import math

for n in (0, 1, 5, 20):
    print(n, math.factorial(n))
print(math.gcd(12, 18), math.gcd(-12, 18), math.gcd(0, 0), math.gcd(7), math.gcd(), math.gcd(24, 36, 10))
print(math.lcm(4, 6), math.lcm(0, 5), math.lcm(-4, 6), math.lcm(), math.lcm(2, 3, 4))
print(math.comb(10, 3), math.comb(5, 0), math.comb(5, 7), math.comb(60, 30), math.comb(6, 6))
print(math.perm(5, 2), math.perm(5), math.perm(4, 6), math.perm(6, None))
print(math.prod([1, 2, 3, 4]), math.prod((1.5, 2)), math.prod([2, 3], start=10), math.prod([]))
print(math.log(100, 10), math.log(8, 2), math.log(2.5, 0.5), math.log(1000, 10.0))
n = 7
k = 3
print(math.comb(n, k) * math.factorial(k) == math.perm(n, k))
try_values = [3, 4]
print(math.factorial(try_values[0] + n))
print(math.factorial(-1))
