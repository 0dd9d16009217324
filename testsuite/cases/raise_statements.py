# exit: 1
# stderr: exception
# args: 0
# args: 1
# args: 2
# args: 3
# args: 4
# args: 5
# args: 6
# args: 7
# `raise` of Python's built-in exceptions (and NumPy's LinAlgError): the message is str()
# of the argument (repr for KeyError, the tuple's text for several); nothing after a
# raise runs, so a variable left unassigned or a function's end on that path is no matter.
import sys
import numpy as np


def check_positive(x, name):
    if x <= 0:
        raise ValueError(f"{name} must be positive, got {x}")
    return np.sqrt(x)


def pick(kind):
    if kind == 0:
        y = np.zeros(3)
    elif kind == 1:
        y = np.ones(3)
    else:
        raise NotImplementedError(f"kind {kind}")
    return y


def first_square_above(n, limit):
    for i in range(n):
        if i * i > limit:
            return i
    raise RuntimeError("no square above the limit")


def newton_sqrt(a, tol=1e-12, maxit=50):
    x = a
    it = 0
    while True:
        x_new = 0.5 * (x + a / x)
        if abs(x_new - x) < tol:
            return x_new
        x = x_new
        it += 1
        if it >= maxit:
            raise ArithmeticError("no convergence")


which = int(sys.argv[1])
print(check_positive(4.0, "a"), pick(0), pick(1))
print(first_square_above(10, 10) + 1, newton_sqrt(2.0))
A = np.eye(3)
if which == 0:
    check_positive(-1.5, "b")
elif which == 1:
    print(pick(5))
elif which == 2:
    raise KeyError("missing")
elif which == 3:
    raise RuntimeError
elif which == 4:
    if np.linalg.det(A - A) == 0.0:
        raise np.linalg.LinAlgError("Singular matrix")
elif which == 5:
    raise TypeError("bad", 3)
elif which == 6:
    print(first_square_above(3, 100))
else:
    print(newton_sqrt(2.0, tol=-1.0, maxit=5))
print("not reached")
