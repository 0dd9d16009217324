# list.remove and list.count (Python's ==, the first equal item removed), count of tuples
# and lists written out: a Dijkstra-style loop taking the nearest unvisited node.
import numpy as np
dist = np.array([5.0, 2.0, 9.0, 2.0, 7.0])
unvisited = list(range(5))
order = []
while unvisited:
    u = min(unvisited, key=lambda v: dist[v])
    unvisited.remove(u)
    order.append(u)
print(order, unvisited)
xs = [3, 1, 3, 2, 3]
xs.remove(3)
print(xs, xs.count(3), xs.count(7), [1.0, 2.0, 1.0].count(1), (1, 2, 2).count(2))
ys = [0.5, 1.5]
ys.append(2.5)
print(ys.count(1.5), ys.count(1))
