# legatec machine's calibration of math functions (cli/src/machine.rs compiles this script
# with legatec itself and runs it on one thread): per-core calls per second of each math
# function as compiled kernels compute them (vectorised where LLVM finds a vector variant
# in the C library, a scalar call otherwise), which rates of the C library's scalar
# functions do not tell. Each function runs over an array that stays in the L2 cache;
# its rate is the elements over the time beyond a kernel that adds one (the same loads,
# stores and launch). Prints `ops NAME RATE` lines of the measuring program's protocol.
import time

import numpy as np

N = 16384
REPS = 400
x = 0.1 + np.arange(N) * (0.8 / N)
ix = np.arange(N) * 7
y = np.zeros(N)


def clock(name):
    # The best of three trials, per repetition.
    b = 1e30
    for trial in range(3):
        start = time.perf_counter()
        for r in range(REPS):
            if name == "base":
                y[:] = x + 1.0
            elif name == "exp":
                y[:] = np.exp(x)
            elif name == "log":
                y[:] = np.log(x)
            elif name == "sin":
                y[:] = np.sin(x)
            elif name == "cos":
                y[:] = np.cos(x)
            elif name == "tan":
                y[:] = np.tan(x)
            elif name == "tanh":
                y[:] = np.tanh(x)
            elif name == "arcsin":
                y[:] = np.arcsin(x)
            elif name == "arccos":
                y[:] = np.arccos(x)
            elif name == "arctan":
                y[:] = np.arctan(x)
            elif name == "sinh":
                y[:] = np.sinh(x)
            elif name == "cosh":
                y[:] = np.cosh(x)
            elif name == "log2":
                y[:] = np.log2(x)
            elif name == "log10":
                y[:] = np.log10(x)
            elif name == "log1p":
                y[:] = np.log1p(x)
            elif name == "expm1":
                y[:] = np.expm1(x)
            elif name == "exp2":
                y[:] = np.exp2(x)
            elif name == "power":
                y[:] = x ** 1.37
            elif name == "remainder":
                # An integer remainder by a constant, stored as a float (the set-up
                # kernels' `(i * 31 % 1009) / 1009.0`): no vector form on most cores.
                y[:] = (ix * 31) % 1009
            elif name == "arctan2":
                y[:] = np.arctan2(x, 0.7)
            else:
                y[:] = np.hypot(x, 0.7)
        t = time.perf_counter() - start
        if t < b:
            b = t
    return b / REPS


def report(name, base):
    extra = clock(name) - base
    # A function faster than the timer can separate from the add kernel counts as that fast.
    if extra < base / 16:
        extra = base / 16
    print("ops", name, N / extra)


base = clock("base")
report("exp", base)
report("log", base)
report("sin", base)
report("cos", base)
report("tan", base)
report("tanh", base)
report("arcsin", base)
report("arccos", base)
report("arctan", base)
report("sinh", base)
report("cosh", base)
report("log2", base)
report("log10", base)
report("log1p", base)
report("expm1", base)
report("exp2", base)
report("power", base)
report("arctan2", base)
report("hypot", base)
report("remainder", base)
