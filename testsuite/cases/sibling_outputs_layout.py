# Two fills fused into one kernel with two outputs (fuse-siblings), one of which a later
# reshape forces to be held whole on every rank: the other output is then held whole too
# (before: at 2+ ranks the runtime stopped with "a further output of a kernel does not lie
# as its destination does", exit 101).
import numpy as np

x = np.linspace(0.0, 1.0, 50) ** 2
w = np.arange(50.0) % 7
order = np.argsort(x)
sx = np.take(x, order)
sw = np.take(w, order)
print(sx.sum(), sw.sum(), sx[:5], sw[-5:])
print(np.histogram(x, bins=[0, 0.1, 0.5, 1.0], weights=w))
