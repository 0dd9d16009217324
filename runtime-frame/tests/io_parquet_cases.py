"""Builds the differential test cases of runtime-frame's Parquet reader and writer with real pandas.

`generate OUT`: writes Parquet files with pandas' `to_parquet` (and one with pyarrow
alone) and records what `pd.read_parquet` returns for each: columns (encoded as in
io_cases.py), dtypes and the index.
`check OUT`: reads the files the Rust test wrote (listed in OUT/ours.json) with
`pd.read_parquet` and records the same, in OUT/ours_read.json.
"""

import json
import os
import random
import sys
import warnings

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
warnings.simplefilter("ignore")
mode, OUT = sys.argv[1], sys.argv[2]


def encode_frame(df):
    from io_cases_encoding import encode

    index = df.index
    if isinstance(index, pd.RangeIndex):
        encoded_index = {"kind": "range", "start": index.start, "stop": index.stop, "step": index.step, "name": index.name}
    else:
        encoded_index = {"kind": "levels", "levels": [{"name": index.names[i], "column": encode(pd.Series(index.get_level_values(i)))} for i in range(index.nlevels)]}
    return {
        "labels": [str(c) for c in df.columns],
        "dtypes": [str(df[c].dtype) for c in df.columns],
        "columns": [encode(df[c]) for c in df.columns],
        "index": encoded_index,
    }


if mode == "check":
    with open(os.path.join(OUT, "ours.json")) as f:
        paths = json.load(f)
    results = [encode_frame(pd.read_parquet(path)) for path in paths]
    with open(os.path.join(OUT, "ours_read.json"), "w") as f:
        json.dump(results, f)
    sys.exit(0)

os.makedirs(OUT, exist_ok=True)
random.seed(5)
rng = np.random.default_rng(11)
cases = []


def case(name, df=None, table=None, **options):
    path = os.path.join(OUT, f"pandas_{len(cases):02d}.parquet")
    if table is not None:
        pq.write_table(table, path, **options)
    else:
        df.to_parquet(path, **options)
    cases.append({"name": name, "path": path, "expect": encode_frame(pd.read_parquet(path))})


n = 12
base = pd.DataFrame({
    "i": rng.integers(-10**15, 10**15, n),
    "i32": rng.integers(-1000, 1000, n).astype("int32"),
    "f": np.where(rng.random(n) < 0.3, np.nan, rng.standard_normal(n)),
    "f32": rng.standard_normal(n).astype("float32"),
    "b": rng.random(n) < 0.5,
    "s": [None if random.random() < 0.3 else random.choice(["a", "é", "日本", "", "x,y", "long string value"]) for _ in range(n)],
    "d": pd.to_datetime(rng.integers(0, 2 * 10**15, n), unit="us").where(rng.random(n) < 0.8),
    "dn": pd.to_datetime(rng.integers(0, 2 * 10**18, n), unit="ns"),
    "ds": pd.to_datetime(rng.integers(0, 2 * 10**9, n), unit="s").astype("datetime64[s]"),
    "c": pd.Categorical(rng.choice(["x", "y", "z", None], n), categories=["z", "x", "y", "unused"]),
    "ci": pd.Categorical(rng.choice([3, 1, 2], n)),
})
case("every dtype", base)
case("named string index", base.set_index(pd.Index([f"r{i}" for i in range(n)], name="key")))
case("unnamed int index", base[["i", "s"]].set_index(pd.Index(rng.integers(0, 100, n))))
case("multi index", base.set_index(["s", "i32"]))
case("range index with step and name", base[["f"]].set_index(pd.RangeIndex(5, 5 + 3 * n, 3, name="r")))
big = 3000
many = pd.DataFrame({
    "i": rng.integers(-10**18, 10**18, big),
    "f": rng.standard_normal(big) * 10.0 ** rng.integers(-30, 30, big),
    "s": [None if random.random() < 0.1 else "".join(random.choice("abcé ,") for _ in range(random.randint(0, 8))) for _ in range(big)],
    "c": pd.Categorical(rng.choice(["p", "q", "r", "s"], big)),
    "d": pd.to_datetime(rng.integers(-10**15, 3 * 10**15, big), unit="us"),
})
case("several row groups", many, row_group_size=700)
case("no rows", base.iloc[:0])
case(
    "pyarrow table with nulls",
    table=pa.table({
        "i": pa.array([1, None, 3], pa.int64()),
        "i32": pa.array([None, 2, 3], pa.int32()),
        "s": pa.array(["a", None, "c"], pa.string()),
        "sv": pa.array(["a", "b", None], pa.large_string()),
        "c": pa.array(["b", "a", "b"]).dictionary_encode(),
        "t": pa.array([0, None, 5], pa.timestamp("ms")),
    }),
)
with open(os.path.join(OUT, "cases.json"), "w") as f:
    json.dump(cases, f)
print(f"{len(cases)} parquet cases")
