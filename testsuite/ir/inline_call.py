# Functions with straight-line bodies are inlined where they are called: `price` is one
# kernel storing both results (`fuse-siblings`), with `cnd`'s temporaries and `d1` computed
# in registers once (a value used twice is one expression of the kernel), and no function
# of their own in the IR.
import numpy as np


def cnd(x):
    k = 1.0 / (1.0 + 0.2316419 * np.abs(x))
    w = 1.0 - np.exp(-0.5 * x * x) * k
    return np.where(x < 0.0, 1.0 - w, w)


def price(s, strike, t):
    d1 = np.log(s / strike) / np.sqrt(t)
    d2 = d1 - np.sqrt(t)
    return s * cnd(d1) - strike * cnd(d2), d1


s = np.linspace(10.0, 20.0, 8)
call, d = price(s, 15.0, np.full(8, 0.5))
print(call, d)
