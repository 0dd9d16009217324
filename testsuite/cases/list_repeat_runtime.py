# `[x] * n` with `n` known only when running: a list of n items (none for n <= 0), each
# item evaluated once; changed in place, appended to, read by a function (Dijkstra's
# distances and visited flags on a small dense graph).
import math
import numpy as np


def dijkstra(w, src):
    n = w.shape[0]
    dist = [math.inf] * n
    done = [False] * n
    dist[src] = 0.0
    for _ in range(n):
        u = -1
        for v in range(n):
            if not done[v] and (u < 0 or dist[v] < dist[u]):
                u = v
        done[u] = True
        for v in range(n):
            if w[u, v] > 0 and dist[u] + w[u, v] < dist[v]:
                dist[v] = dist[u] + float(w[u, v])
    return dist


rng = np.random.default_rng(3)
w = np.round(rng.random((7, 7)) * 10, 1)
w[w < 4] = 0.0
print(dijkstra(w, 0))
n = int(np.sum(np.ones(5)))
seen = [False] * n
seen[2] = True
print(seen, sum(seen))
c = n * [0, 1]
c[3] = 7
print(c, len(c))
print([1.5] * (n - 9), [2] * -n)
q = [0] * n
q.append(4)
print(q, q.count(0))
big = [0.5] * 5000
big[4999] = 2.0
print(len(big), sum(big), big[-3:])
