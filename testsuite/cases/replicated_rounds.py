# A program whose first partition round makes sites its second does not (a flattened and
# a raveled copy of a replicated matrix, then a product): the replicated sites are named
# by their statement across rounds (the compiler crashed on an index of the first round).
import numpy as np

c = np.array([[1, 2], [3, 4]])
print(c.flatten(), c.ravel())
x = np.arange(6).reshape(2, 3)
print(x.T @ x)
print(np.matmul(x, x.T), np.sum(c.flatten() * 2))
