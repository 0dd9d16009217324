# A variable that is a scalar before a loop and an array after its body: the typing of
# the loop cycles (the error poisons `w`, so the next pass meets no error); the error is
# reported, not an internal error (a fuzz finding).
import numpy as np


def train(x, iterations):
    w = np.mean(x)
    for it in range(iterations):
        p = x.dot(w)
        w = w - 0.1 * x.T.dot(p)
    return w


print(train(np.ones((3, 2)), 4))
