# A variable that is a 1-D array before a loop and a 2-D one after its body: the typing of
# the loop cycles (the error poisons `w`, so the next pass meets no error); the error is
# reported, not an internal error (a fuzz finding).
import numpy as np


def train(x, iterations):
    w = np.mean(x, axis=0)
    for it in range(iterations):
        p = (x * w).sum(axis=-1)
        w = w - 0.1 * np.atleast_2d(x.T.dot(p))
    return w


print(train(np.ones((3, 2)), 4))
