# DataFrames and Series passed to and returned from functions: parameters rebuilt over the
# callee's own places, results over the caller's; several schemas make several instances;
# a function returning a frame from two paths of one schema; a series argument keeps its
# name and index; helpers in the style of ETL scripts (filter, group, merge, derive).
# whitespace: exact
# env: COLUMNS=80
import numpy as np
import pandas as pd


def ever_features(df, lim):
    e = df[["k", "s"]].groupby("k", as_index=False).max()
    e["ever"] = (e["s"] >= lim).astype("int32")
    del e["s"]
    return e


def first_date(df, lim, label):
    d = df[["k", "d"]][df.s >= lim].groupby("k", as_index=False).min()
    return d.rename(columns={"d": label})


def scaled(s, factor):
    return s * factor


def pick(df, big):
    if big:
        return df[df.s > 1]
    return df[df.s <= 1]


def summary(df):
    return len(df), df.s.sum()


df = pd.DataFrame({
    "k": np.array([1, 1, 2, 3, 3, 4]),
    "s": np.array([0, 2, 1, 4, 0, 3]),
    "d": pd.to_datetime(pd.Series(["2020-01-01", "2020-02-01", "2020-01-01", "2020-03-01", "2020-04-01", "2020-05-01"])),
    "name": ["a", "b", "c", "d", None, "f"],
})
ev = ever_features(df, 2)
print(ev)
m = df.merge(ev, on="k", how="left").merge(first_date(df, 1, "d30"), on="k", how="left")
print(m)
print(first_date(df, 3, "d90"))
print(scaled(df.s, 2.5))
print(scaled(df["k"], 3))
print(pick(df, True))
print(pick(df, False))
n, total = summary(df)
print(n, total)
print(summary(df[df.k > 1]))
other = pd.DataFrame({"k": np.array([7, 8]), "s": np.array([5, 6]), "d": pd.to_datetime(pd.Series(["2021-01-01", "2021-01-02"])), "name": ["x", "y"]})
print(ever_features(other, 6))
