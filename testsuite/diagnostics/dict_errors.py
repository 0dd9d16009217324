import numpy as np

d = {"a": 1.0, "b": 2}
k = "a" if np.ones(2).sum() > 1 else "b"
x = d[k]
d["c"] = 3
d.update({"e": 4})
e = {np.ones(1).sum(): 1}
print(x, e["x"], 4 in np.arange(3))
