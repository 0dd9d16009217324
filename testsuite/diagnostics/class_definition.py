# Class definitions are outside the supported subset.
import numpy as np


class Grid:
    def __init__(self, n):
        self.data = np.zeros(n)


g = Grid(10)
print(np.sum(g.data))
