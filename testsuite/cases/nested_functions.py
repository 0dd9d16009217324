# Functions defined inside functions (closures): lifted to module level with the enclosing
# function's variables they read passed as hidden arguments, read where the nested
# function is called or handed on (late binding, as Python's cells while the enclosing
# function runs); helpers of main(), callbacks handed to other functions, nested helpers
# that change captured arrays and lists in place, several levels, a closure in a loop.
import numpy as np

k = 100.0


def integrate(f, a, b, n):
    def mid(i):
        return a + (i + 0.5) * (b - a) / n
    xs = np.array([mid(i) for i in range(n)])
    return np.sum(f(xs)) * (b - a) / n


def solve():
    def f(x):
        return x * k
    k = 3.0
    r1 = f(2.0)
    k = 4.0
    return r1, f(2.0)


def fit(x, y):
    def residual(p):
        return y - (p[0] + p[1] * x)

    def loss(p):
        r = residual(p)
        return np.sum(r * r)

    best = None
    best_p = None
    for a in np.linspace(-1, 1, 5):
        for b in np.linspace(0, 2, 5):
            p = np.array([a, b])
            l = loss(p)
            if best is None or l < best:
                best = l
                best_p = p
    return best_p, best


def apply_twice(g, v):
    return g(g(v))


def outer(scale):
    def inner(v):
        return v * scale + 1
    return apply_twice(inner, np.arange(3.0))


def main():
    def helper(x):
        return x ** 2

    print(helper(3), helper(np.arange(3)))


print(f"{integrate(np.sin, 0.0, np.pi, 100):.8f}")
print(solve())
x = np.linspace(0, 1, 6)
p, l = fit(x, 0.5 + 1.5 * x)
print(p, l)
print(outer(2.0))
main()

G = 10


def collect(n):
    results = []

    def record(v):
        results.append(v * 2)

    for i in range(n):
        record(i)
    return results


def three(a):
    def level1(x):
        def level2(y):
            return y + a + x
        return level2(x * 10)
    return level1(1) + level1(2)


def loop_closure(n):
    out = []
    for i in range(n):
        def add_i(v):
            return v + i
        out.append(add_i(100))
    return out


def with_default(v):
    def powr(x, p=2):
        return x ** p + G
    h = lambda t: powr(t) + 1
    return powr(v), powr(v, 3), h(v)


def stencil(u, steps):
    def lap(w):
        return w[:-2] - 2 * w[1:-1] + w[2:]
    for _ in range(steps):
        u[1:-1] = u[1:-1] + 0.1 * lap(u)
    return u


print(collect(4))
print(three(5))
print(loop_closure(3))
print(with_default(3))
print(stencil(np.sin(np.linspace(0, 3, 8)), 5).round(6))


def sim(u):
    def step():
        u[1:-1] = 0.5 * (u[:-2] + u[2:])

    def bump():
        u[0] += 1.0
        return 0.0

    for _ in range(3):
        step()
    t = u * 2 + bump()
    return u, t


u, t = sim(np.linspace(0, 1, 6) ** 2)
print(u, t)


def held_closures(a):
    k = 1

    def g(x):
        return x * k + a

    def p(x):
        return x + a

    q = p
    k = 2
    fs = (p, q)
    return g(1), g(1), q(1), fs[0](2)


print(held_closures(10))
