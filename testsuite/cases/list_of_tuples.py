# Lists of tuples built at run time (layers.append((W, b)), history.append((it, loss))): one
# list per field; loops unpacking them, xs[i][j], xs[i], len, truth, comprehensions and
# generators over them, a key function reading them, printing them (each item by repr).
import numpy as np

def init_layers(sizes):
    layers = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        W = np.sin(np.arange(n_in * n_out, dtype=np.float64)).reshape(n_in, n_out) * 0.3
        b = np.cos(np.arange(n_out, dtype=np.float64)) * 0.1
        layers.append((W, b))
    return layers

def forward(x, sizes):
    layers = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        layers.append((np.ones((n_in, n_out)) * 0.1, np.zeros(n_out)))
    for W, b in layers:
        x = np.maximum(x @ W + b, 0)
    return x, len(layers), layers[-1][1].shape[0], layers[0][0].sum()

print(forward(np.ones((2, 4)), [4, 3, 2]))
history = []
loss = 10.0
it = 0
while loss > 1.0:
    loss = loss * 0.5
    history.append((it, loss))
    it += 1
print(len(history), history[-1][1], history[0][0], history[2])
best = min(range(len(history)), key=lambda i: history[i][1])
print(best, [l for i, l in history if i % 2 == 0], sum(l for _, l in history))
while history:
    print("nonempty")
    break
pairs = []
for i in range(4):
    pairs.append((i, i * i))
for k, sq in pairs:
    print(k, sq, end="; ")
print()
hist2 = []
print(hist2)
a = np.arange(3.0)
for it in range(3):
    hist2.append((it, float(a[it]) * 0.5))
print(hist2)
print("log:", hist2, str(hist2), sep=" | ")
pts = []
for i in range(2):
    pts.append((a[i], i * 2))
print(pts, len(pts))
