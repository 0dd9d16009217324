# What legatec refuses of functions nested in functions: defaults that read variables,
# recursion (also through each other), a name defined twice (a nested function returned
# from a straight-line function, inlined, is accepted).
import numpy as np


def f(n, k):
    def g(x, p=k):
        return x * p

    def fact(m):
        return 1 if m <= 1 else m * fact(m - 1)

    def ping(m):
        return pong(m - 1) if m > 0 else 0

    def pong(m):
        return ping(m - 1) if m > 0 else 1

    def dup(x):
        return x

    def dup(x):
        return x + 1

    def make(s):
        def scale(v):
            return v * s
        return scale

    return g(n) + fact(n) + ping(n) + dup(n) + make(2)(n)


print(f(3, 2))


def held(a):
    k = 1

    def g2(x):
        return x * k + a

    h = g2
    k = 2
    return h(1)


print(held(10))
