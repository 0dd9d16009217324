# A variable that tuples (or lists written out) of one shape reach from several assignments
# (a loop's running best, Fibonacci pairs, an if/else, arrays swapped as a pair): each item
# in one place per position; reading the old tuple while building the new one, and copies
# taken before a reassignment, keep Python's values.
import numpy as np
best = (0, 0.0)
for i in range(5):
    if i * 1.5 > best[1]:
        best = (i, i * 1.5)
print("best", best)
pair = (0, 1)
for _ in range(10):
    pair = (pair[1], pair[0] + pair[1])
print(pair)


def argmax_pair(xs):
    top = (-1, -np.inf)
    top = (top[0], float(top[1]))
    for k in range(len(xs)):
        if xs[k] > top[1]:
            top = (k, float(xs[k]))
    return top


print(argmax_pair(np.array([3.0, 7.5, 2.0, 9.25, 1.0])))
state = [0.0, 1.0]
t = 0
while t < 3:
    state = [state[1], state[0] - 0.5 * state[1]]
    t += 1
print(state)
a, b = best
print(a, b)
saved = best
best = (9, 9.5)
print(saved, best)
if np.sum(np.ones(3)) > 2:
    choice = ("big", 3)
else:
    choice = ("small", 1)
print(choice, choice[0].upper())
u = np.linspace(0.0, 1.0, 12)
grids = (u, np.zeros(12))
for step in range(4):
    old, new = grids
    new[1:-1] = 0.5 * (old[:-2] + old[2:])
    new[0] = old[0]
    new[-1] = old[-1]
    grids = (new, old)
print(grids[0], np.sum(grids[1]))
