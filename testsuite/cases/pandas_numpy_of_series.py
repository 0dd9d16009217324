# env: COLUMNS=80
# NumPy functions of Series: ufuncs give a Series (named where every Series operand has one
# name), so do the functions NumPy hands to the Series' method (cumsum, round, clip...);
# the others give an ndarray (sort, diff, unique, where, ravel).
import numpy as np
import pandas as pd

s = pd.Series([3.0, -1.0, 2.5, 0.25], name="x")
t = pd.Series([1.0, 4.0, 2.0, -2.0], name="y")
u = pd.Series([2.0, 2.0, 2.0, 2.0], name="x")
print(np.sort(s))
print(np.diff(s))
print(np.unique(s))
print(np.where(s > 0, 1.0, -1.0))
print(np.ravel(s))
print(np.maximum(s, t))
print(np.maximum(s, u))
print(np.minimum(s, 2.0))
print(np.arctan2(s, t), np.hypot(s, t))
print(np.add(s, t), np.power(s, 2))
print(np.cumsum(s))
print(np.round(s, 1), np.clip(s, 0.0, 1.0))
print(np.sqrt(np.abs(s)))
print(abs(s))
print(np.argsort(s))
f = pd.DataFrame({"x": np.array([5.0, 1.0, 3.0, 2.0])})
g = f[f["x"] > 1.5]
print(np.sort(g["x"]), np.sort(g["x"])[0])
print(np.heaviside(s, 0.5), np.heaviside(s, t))
