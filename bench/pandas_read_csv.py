# Benchmark: pd.read_csv of a 10^6-row file (issue 14): an int64, a float64 (with missing
# values), a str and a date column, written first by the same program (so the schema is
# known when compiling) and timed alone. Prints checksums, then `elapsed: <seconds>`.
import argparse
import time

import numpy as np
import pandas as pd

parser = argparse.ArgumentParser(description="read_csv benchmark.")
parser.add_argument("--rows", type=int, default=1000000)
args = parser.parse_args()

rng = np.random.default_rng(11)
n = args.rows
df = pd.DataFrame({"id": np.arange(n) * 3, "x": np.round(rng.normal(0.0, 1000.0, n), 3), "city": "Oslo", "day": "2024-01-31"})
df.loc[rng.random(n) < 0.25, "city"] = "Lima"
df.loc[rng.random(n) < 0.25, "city"] = "Kraków"
df.loc[rng.random(n) < 0.01, "x"] = np.nan
df.loc[rng.random(n) < 0.5, "day"] = "2023-07-04"
df.to_csv("bench_read.csv", index=False)

start = time.perf_counter()
back = pd.read_csv("bench_read.csv", parse_dates=["day"])
elapsed = time.perf_counter() - start

print(len(back), back.id.sum(), "%.3f" % back.x.sum(), back.city.nunique(), back.day.dt.year.sum())
print("elapsed:", elapsed)
