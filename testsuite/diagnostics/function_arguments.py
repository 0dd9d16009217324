# Values a user function cannot take, alone or inside a tuple or list: a DataFrame inside a
# tuple, a bound method, a method inside a list, a lambda defined in a function inside a tuple.
import numpy as np
import pandas as pd


def first(pair):
    a, b = pair
    return a


def call(f):
    return f()


df = pd.DataFrame({"x": [1.0, 2.0]})
a = np.ones(3)
print(first((df, 1)))
print(call(a.sum))
print(first([a.mean, 2]))


def make():
    inner = lambda v: v + 1.0
    return first((inner, 2))


print(make())
