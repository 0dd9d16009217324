# datetime64[us] columns: pd.to_datetime with a format and inferred, missing values (NaT),
# the .dt fields, comparisons with pd.Timestamp, sorting and grouping by dates, min/max/
# first/last of dates in a groupby, merges on string keys carrying dates.
# whitespace: exact
# env: COLUMNS=80
import numpy as np
import pandas as pd

raw = pd.DataFrame({
    "when": ["2024-03-15 08:30:00", "2023-12-31 23:59:59", "2024-02-29 12:00:00", None, "1999-01-01 00:00:00", "2024-03-15 08:30:01"],
    "store": ["a", "b", "a", "c", "b", "a"],
    "qty": np.array([3, 1, 4, 1, 5, 9]),
})
raw["t"] = pd.to_datetime(raw["when"], format="%Y-%m-%d %H:%M:%S")
print(raw)
print(raw.dtypes)
d = raw.dropna()
print(d.t.dt.year, d.t.dt.month, d.t.dt.day)
print(d.t.dt.hour, d.t.dt.minute, d.t.dt.second)
print(d.t.dt.day_of_week, d.t.dt.day_of_year, d.t.dt.quarter)
print(d.t.dt.weekday, d.t.dt.dayofweek, d.t.dt.dayofyear)
print(raw[raw.t >= pd.Timestamp("2024-01-01")])
print(raw[raw.t < pd.Timestamp("2024-03-15 08:30:00")])
print(raw[raw.t != pd.Timestamp("1999-01-01")])
print(raw[raw.t == pd.Timestamp("2024-02-29 12:00")])
print(raw.t.isna(), raw.t.count())
print(raw.sort_values("t"))
print(raw.sort_values("t", ascending=False, na_position="first"))
print(raw.groupby("store").agg(first=("t", "min"), last=("t", "max"), a=("t", "first"), z=("t", "last"), n=("t", "count")))
d2 = d.copy()
d2["year"] = d2.t.dt.year
print(d2.groupby("year").qty.sum())
days = pd.DataFrame({"day": ["2024-01-02", "2024-01-03", "2023-07-04"]})
days["d"] = pd.to_datetime(days.day)
print(days, days.dtypes)
us = pd.to_datetime(pd.Series(["03/15/2024", "12/01/2023"]), format="%m/%d/%Y")
print(us)
print(pd.concat([raw.head(2), raw.tail(2)], ignore_index=True))
print(raw.merge(pd.DataFrame({"store": ["a", "b"], "open": pd.to_datetime(pd.Series(["2020-01-01", "2021-06-30"]))}), on="store", how="left"))
