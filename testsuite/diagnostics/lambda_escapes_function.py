import numpy as np

# A lambda written inside a function may capture its locals, so it cannot be passed on.


def apply(f, x):
    return f(x)


def run(scale):
    return apply(lambda v: v * scale, np.ones(3))


print(run(2.0))
