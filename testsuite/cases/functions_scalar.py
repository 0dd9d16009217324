# Functions on scalars: several returns, tuples, unpacking, nested calls.
import math


def hypot(a, b):
    return math.sqrt(a * a + b * b)


def divmod_floor(a, b):
    q = a // b
    r = a - q * b
    return q, r


def sign(x):
    if x > 0:
        return 1
    elif x < 0:
        return -1
    return 0


def gcd(a, b):
    while b != 0:
        a, b = b, a % b
    return a


def newton_sqrt(v, iterations):
    x = v
    for i in range(iterations):
        x = 0.5 * (x + v / x)
    return x


def stats(a, b, c):
    mean = (a + b + c) / 3
    lo = a
    if b < lo:
        lo = b
    if c < lo:
        lo = c
    return mean, lo, a + b + c


print(hypot(3.0, 4.0), hypot(1, 1))
q, r = divmod_floor(-17, 5)
print(q, r)
print(sign(-2.5), sign(0), sign(7))
print(gcd(1071, 462), gcd(17, 5), gcd(0, 9))
print(newton_sqrt(2.0, 6), newton_sqrt(10.0, 8))
m, lo, s = stats(4, -1, 9)
print(m, lo, s)
m2, lo2, s2 = stats(0.5, 0.25, 2.0)
print(m2, lo2, s2)
a, b = 1, 2
a, b = b, a
print(a, b)
fa, fb = 0, 1
for i in range(50):
    fa, fb = fb, fa + fb
print("fib(50) =", fa)
