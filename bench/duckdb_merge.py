"""The merge of bench/pandas_merge.py in DuckDB, one thread (issue 14's comparison): the
same two frames of 10^7 rows with shuffled unique int64 keys, joined into a table held by
DuckDB (`CREATE TABLE ... AS SELECT ... JOIN`). Prints the same checksums, then
`elapsed: <seconds>` of the join alone (best of --repeat). Run with python3 (pip install
duckdb); not a legatec program."""
import argparse
import time

import duckdb
import numpy as np
import pandas as pd

parser = argparse.ArgumentParser(description="DuckDB merge benchmark.")
parser.add_argument("--rows", type=int, default=10000000)
parser.add_argument("--repeat", type=int, default=3)
args = parser.parse_args()

n = args.rows
rng = np.random.default_rng(42)
left = pd.DataFrame({"key": np.argsort(rng.random(n)), "a": np.arange(n) * 0.5})
right = pd.DataFrame({"key": np.argsort(rng.random(n)), "b": np.arange(n) * 2})
con = duckdb.connect()
con.execute("SET threads TO 1")
con.register("l", left)
con.register("r", right)
con.execute("CREATE TABLE lt AS SELECT * FROM l")
con.execute("CREATE TABLE rt AS SELECT * FROM r")
best = None
for _ in range(args.repeat):
    con.execute("DROP TABLE IF EXISTS out")
    start = time.perf_counter()
    con.execute("CREATE TABLE out AS SELECT lt.key, lt.a, rt.b FROM lt JOIN rt ON lt.key = rt.key")
    elapsed = time.perf_counter() - start
    best = elapsed if best is None else min(best, elapsed)
rows, a, b, kmax = con.execute("SELECT count(*), sum(a), sum(b), max(key) FROM out").fetchone()
print("rows:", rows, "a:", a, "b:", b, "key max:", kmax)
print("elapsed:", best)
