# to_csv to a file split over ranks: each rank formats its own rows where they lie and the
# ranks write in rank order (rank 0 creating the file, with the header), so the file is the
# one-process file: a range index, an index left by a filter, header=False, sep and na_rep,
# index=False, string and categorical columns (held whole by every rank), dates only and a
# datetime column whose time of day appears only in the last rows (its format is the one
# all rows need), an empty frame, and a frame whose rows all lie on one rank. Each file
# is read back as text.
# env: COLUMNS=80
import numpy as np
import pandas as pd

n = 41
i = np.arange(n)
df = pd.DataFrame({"x": np.where(i % 5 == 0, np.nan, i * 0.125), "k": i % 4 - 1, "flag": i % 3 == 0})
df["name"] = "n" + pd.Series(i % 6).astype(str)
df["day"] = pd.to_datetime("2024-02-" + pd.Series(i % 20 + 10).astype(str))
tail = pd.Series(i // (n - 3)).astype(str)
df["when"] = pd.to_datetime("2024-03-" + pd.Series(i % 9 + 10).astype(str) + " 0" + tail + ":00:00")
df["grp"] = df["name"].astype("category")
df.to_csv("out1.csv")
print(pd.read_csv("out1.csv", dtype=str))
df[df.k > 0].to_csv("out2.csv", sep=";", na_rep="NA", header=False)
print(pd.read_csv("out2.csv", dtype=str, header=None, sep=";", names=["i", "x", "k", "flag", "name", "day", "when", "grp"]))
df[["k", "when"]].to_csv("out3.csv", index=False)
print(pd.read_csv("out3.csv", dtype=str).tail(6))
df[df.k > 5].to_csv("out4.csv")
print(pd.read_csv("out4.csv", dtype=str))
df[df.x > 4.7].to_csv("out5.csv")
print(pd.read_csv("out5.csv", dtype=str))
