"""Builds the differential test cases of runtime-frame's keys kernels with real pandas.

For each case it writes the inputs (key and value columns) and what pandas computes on
them: merge row pairs (read back from hidden row-number columns), groupby group order
and aggregations, sort_values row order, value_counts, unique and nunique. The Rust test
tests/keys_differential.rs runs the kernels on the same inputs and compares.

Usage: python3 keys_cases.py OUTPUT.json

Columns are written as {"dtype": pandas' dtype name, ...}: integers as JSON numbers,
floats as the integer bits of their IEEE representation (exact, NaN included), strings as
JSON strings (null for missing), datetimes as int64 ticks (NaT is the smallest int64),
categoricals as codes plus a categories column, nullable dtypes as values plus "valid".
"""

import json
import struct
import sys
import warnings

import numpy as np
import pandas as pd

warnings.simplefilter("ignore")

STRINGS = ["a", "b", "B", "Z", "aa", "ab", "", "é", "e", "日本", "😀", "z", "ß", "a b"]
AGGS = ["sum", "prod", "mean", "median", "min", "max", "first", "last", "count", "size", "std", "var", "nunique"]


def encode(values):
    """One column (a Series, Index or array) as JSON."""
    series = pd.Series(values) if not isinstance(values, pd.Series) else values
    dtype = series.dtype
    name = str(dtype)
    if isinstance(dtype, pd.CategoricalDtype):
        return {
            "dtype": "category",
            "codes": series.cat.codes.astype(int).tolist(),
            "categories": encode(pd.Series(series.cat.categories)),
        }
    if name == "str" or name == "object":
        return {"dtype": "str", "values": [None if pd.isna(x) else str(x) for x in series]}
    if name in ("Int64", "Float64", "boolean"):
        valid = (~series.isna()).astype(int).tolist()
        if name == "Float64":
            data = series.to_numpy(dtype="float64", na_value=np.nan)
            return {"dtype": name, "values": data.view(np.uint64).tolist(), "valid": valid}
        filled = series.fillna(0 if name == "Int64" else False)
        return {"dtype": name, "values": [int(x) for x in filled], "valid": valid}
    array = series.to_numpy()
    if array.dtype.kind == "f":
        bits = np.uint64 if array.dtype.itemsize == 8 else np.uint32
        return {"dtype": name, "values": array.view(bits).tolist()}
    if array.dtype.kind == "M":
        return {"dtype": name, "values": array.view(np.int64).tolist()}
    if array.dtype.kind == "b":
        return {"dtype": name, "values": array.astype(int).tolist()}
    return {"dtype": name, "values": [int(x) for x in array]}


def make_column(kind, n, rng, cardinality, missing=0.1):
    """A random key or value column of `kind` with values from a pool of `cardinality`."""
    hole = rng.random(n) < missing
    if kind in ("int64", "int32", "int8", "uint8", "uint64", "int16", "uint32"):
        low = 0 if kind.startswith("u") else -cardinality // 2
        data = rng.integers(low, low + max(cardinality, 1), n)
        if kind == "uint8":
            data = data % 256
        if kind == "int8":
            data = np.clip(data, -128, 127)
        return np.asarray(data, dtype=kind)
    if kind in ("float64", "float32"):
        data = rng.integers(-cardinality // 2, cardinality // 2 + 1, n).astype(np.float64)
        data = data * 0.5
        data[hole] = np.nan
        # Both zeros are one key.
        zero = data == 0
        data[zero & (rng.random(n) < 0.5)] = -0.0
        return data.astype(kind)
    if kind == "bool":
        return rng.random(n) < 0.5
    if kind == "Int64":
        data = rng.integers(-cardinality // 2, cardinality // 2 + 1, n)
        return pd.array([None if h else int(x) for x, h in zip(data, hole)], dtype="Int64")
    if kind == "str":
        pool = STRINGS[: max(1, min(cardinality, len(STRINGS)))]
        if cardinality > len(STRINGS):
            pool = pool + [f"s{i}" for i in range(cardinality - len(STRINGS))]
        picks = rng.integers(0, len(pool), n)
        return pd.array([None if h else pool[p] for p, h in zip(picks, hole)], dtype="str")
    if kind == "category":
        pool = STRINGS[: max(2, min(cardinality, len(STRINGS)))]
        categories = list(pool) + ["unused"]
        rng.shuffle(categories)
        picks = rng.integers(0, len(pool), n)
        return pd.Categorical([None if h else pool[p] for p, h in zip(picks, hole)], categories=categories)
    if kind.startswith("datetime64"):
        data = rng.integers(0, max(cardinality, 1), n).astype("datetime64[s]").astype(kind)
        data[hole] = np.datetime64("NaT")
        return data
    raise ValueError(kind)


def rows_back(column):
    """Row numbers read back from a merged hidden column, -1 where missing."""
    return [-1 if pd.isna(x) else int(x) for x in column]


def merge_case(name, left_keys, right_keys, how, sort):
    left = pd.DataFrame({f"k{i}": k for i, k in enumerate(left_keys)})
    right = pd.DataFrame({f"k{i}": k for i, k in enumerate(right_keys)})
    left["__left_row"] = np.arange(len(left))
    right["__right_row"] = np.arange(len(right))
    case = {
        "kind": "merge",
        "name": name,
        "how": how,
        "sort": sort,
        "left": [encode(k) for k in left_keys],
        "right": [encode(k) for k in right_keys],
    }
    try:
        merged = pd.merge(left, right, on=[f"k{i}" for i in range(len(left_keys))], how=how, sort=sort)
        case["left_rows"] = rows_back(merged["__left_row"])
        case["right_rows"] = rows_back(merged["__right_row"])
    except (ValueError, TypeError) as error:
        case["error"] = str(error)
    return case


def group_case(name, keys, values, sort, dropna):
    frame = pd.DataFrame({f"k{i}": k for i, k in enumerate(keys)})
    for i, v in enumerate(values):
        frame[f"v{i}"] = v
    frame["__row"] = np.arange(len(frame))
    by = [f"k{i}" for i in range(len(keys))]
    grouped = frame.groupby(by, sort=sort, dropna=dropna)
    ids = grouped.ngroup()
    case = {
        "kind": "group",
        "name": name,
        "sort": sort,
        "dropna": dropna,
        "keys": [encode(k) for k in keys],
        "values": [encode(v) for v in values],
        "ids": [-1 if pd.isna(x) else int(x) for x in ids],
        "first_row": [int(x) for x in grouped["__row"].min().tolist()],
        "aggregations": [],
    }
    for i in range(len(values)):
        column = grouped[f"v{i}"]
        for agg in AGGS:
            kind = str(frame[f"v{i}"].dtype)
            if kind == "str" and agg in ("sum",):
                continue  # string concatenation is not a kernel here
            if kind.startswith("datetime64") and agg in ("mean", "median", "std"):
                continue  # datetime statistics are not kernels here
            entry = {"value": i, "agg": agg}
            try:
                result = getattr(column, agg)()
                entry["result"] = encode(result.reset_index(drop=True))
            except (TypeError, ValueError, NotImplementedError) as error:
                entry["error"] = str(error)[:120]
            case["aggregations"].append(entry)
    return case


def sort_case(name, keys, ascending, na_last):
    frame = pd.DataFrame({f"k{i}": k for i, k in enumerate(keys)})
    by = [f"k{i}" for i in range(len(keys))]
    ordered = frame.sort_values(by=by, ascending=ascending, na_position="last" if na_last else "first", kind="stable")
    return {
        "kind": "sort",
        "name": name,
        "keys": [encode(k) for k in keys],
        "ascending": ascending,
        "na_last": na_last,
        "order": [int(x) for x in ordered.index],
    }


def first_rows_of(series, labels):
    """For each label, the first row of `series` holding it (-1 if none)."""
    rows = []
    for label in labels:
        if pd.isna(label):
            hits = np.flatnonzero(series.isna().to_numpy())
        else:
            hits = np.flatnonzero((series == label).fillna(False).to_numpy(dtype=bool))
        rows.append(int(hits[0]) if len(hits) else -1)
    return rows


def series_case(name, values):
    series = pd.Series(values)
    case = {"kind": "series", "name": name, "values": encode(series)}
    for dropna in (True, False):
        counts = series.value_counts(dropna=dropna)
        entry = {"first_row": first_rows_of(series, counts.index), "counts": [int(c) for c in counts]}
        if isinstance(series.dtype, pd.CategoricalDtype):
            entry["category"] = [int(c) for c in counts.index.codes]
        case["value_counts_dropna" if dropna else "value_counts_keepna"] = entry
        case["nunique_dropna" if dropna else "nunique_keepna"] = int(series.nunique(dropna=dropna))
    uniques = series.unique()
    case["unique"] = first_rows_of(series, list(uniques))
    return case


def main():
    rng = np.random.default_rng(20240531)
    cases = []
    hows = ["inner", "left", "right", "outer"]

    # Merges with one key of each dtype, random sizes and cardinalities.
    single = ["int64", "int32", "float64", "str", "category", "bool", "Int64", "uint8", "datetime64[s]"]
    for kind in single:
        for trial in range(6):
            n_left, n_right = [int(x) for x in rng.choice([0, 1, 3, 10, 60, 400], 2)]
            cardinality = int(rng.choice([2, 5, 20, 200]))
            left = make_column(kind, n_left, rng, cardinality)
            right = make_column(kind, n_right, rng, cardinality)
            for how in hows:
                cases.append(merge_case(f"{kind} {trial} {n_left}x{n_right}", [left], [right], how, False))
            cases.append(merge_case(f"{kind} {trial} sorted", [left], [right], hows[trial % 3], True))

    # Sides large enough for the radix-partitioned hash join (65536 build rows or more):
    # unique and repeated keys, missing ones (NaN, None) included.
    for kind, cardinality in [("int64", 200000), ("int64", 30000), ("float64", 30000), ("str", 30000)]:
        left = make_column(kind, 70000, rng, cardinality, missing=0.001)
        right = make_column(kind, 80000, rng, cardinality, missing=0.001)
        for how in ["inner", "left", "right"]:
            cases.append(merge_case(f"{kind} large {cardinality}", [left], [right], how, False))

    # Merges across dtypes pandas allows (and some it refuses).
    pairs = [
        ("int64", "float64"),
        ("float64", "int32"),
        ("int32", "int64"),
        ("uint8", "int8"),
        ("float32", "float64"),
        ("bool", "int64"),
        ("category", "category"),
        ("category", "str"),
        ("str", "category"),
        ("datetime64[s]", "datetime64[ns]"),
        ("str", "int64"),
        ("datetime64[s]", "int64"),
        ("int64", "Int64"),
    ]
    for left_kind, right_kind in pairs:
        for trial in range(3):
            n_left, n_right = [int(x) for x in rng.choice([1, 7, 50, 300], 2)]
            left = make_column(left_kind, n_left, rng, 12)
            right = make_column(right_kind, n_right, rng, 12)
            for how in hows:
                cases.append(merge_case(f"{left_kind}/{right_kind} {trial}", [left], [right], how, False))

    # Two categoricals with one set of categories in another order.
    left = pd.Categorical(["b", "a", None, "c", "a"], categories=["c", "a", "b"])
    right = pd.Categorical(["a", "c", "c", None, "b"], categories=["b", "c", "a"])
    for how in hows:
        cases.append(merge_case("category permuted", [left], [right], how, False))

    # Several keys, mixed dtypes.
    combos = [["int64", "str"], ["float64", "float64"], ["str", "category", "int32"], ["bool", "float64", "str"]]
    for combo in combos:
        for trial in range(4):
            n_left, n_right = [int(x) for x in rng.choice([0, 5, 40, 500, 2000], 2)]
            left = [make_column(kind, n_left, rng, 6) for kind in combo]
            right = [make_column(kind, n_right, rng, 6) for kind in combo]
            for how in hows:
                cases.append(merge_case(f"{'+'.join(combo)} {trial}", left, right, how, False))
            cases.append(merge_case(f"{'+'.join(combo)} {trial} sorted", left, right, hows[trial], True))

    # Unique keys (pandas' fast paths): shuffled, monotonic, no matches.
    for n in (1, 10, 1000):
        keys = rng.permutation(n * 2)[:n].astype(np.int64)
        other = rng.permutation(n * 2)[:n].astype(np.int64)
        for how in hows:
            cases.append(merge_case(f"unique shuffled {n}", [keys], [other], how, False))
            cases.append(merge_case(f"unique sorted {n}", [np.sort(keys)], [np.sort(other)], how, False))
            cases.append(merge_case(f"no matches {n}", [keys], [keys + 10**6], how, False))
            cases.append(merge_case(f"range right {n}", [keys % n], [np.arange(n, dtype=np.int64)], how, False))

    # Sides large enough for the radix-partitioned hash join (over 65536 build rows).
    for kind in ["int64", "float64", "str"]:
        # Few missing keys: every missing key pairs with every other side's missing key.
        left = make_column(kind, 70000, rng, 40000, missing=0.0005)
        right = make_column(kind, 70000, rng, 40000, missing=0.0005)
        for how in ("inner", "left", "right"):
            cases.append(merge_case(f"large {kind}", [left], [right], how, False))

    # Groupbys: keys of each dtype and several keys, with every aggregation.
    value_kinds = ["int64", "float64", "float32", "bool", "str", "Int64", "uint8", "int8", "datetime64[s]"]
    key_sets = [["int64"], ["float64"], ["str"], ["category"], ["bool"], ["Int64"], ["datetime64[ns]"],
                ["int32", "str"], ["float64", "category"], ["str", "float64", "bool"]]
    for key_kinds in key_sets:
        for trial in range(4):
            n = int(rng.choice([0, 1, 8, 100, 1500]))
            cardinality = int(rng.choice([2, 6, 40]))
            keys = [make_column(kind, n, rng, cardinality) for kind in key_kinds]
            values = [make_column(kind, n, rng, 50, missing=0.3) for kind in value_kinds]
            for sort in (True, False):
                for dropna in (True, False):
                    cases.append(group_case(f"{'+'.join(key_kinds)} {trial} n={n}", keys, values, sort, dropna))
    # An all-missing group, a one-row group, large float sums.
    keys = [np.array([1, 1, 2, 3, 3, 3], dtype=np.int64)]
    values = [np.array([np.nan, np.nan, 5.0, 1e16, 1.0, -1e16]), np.array([1, 2, 3, 4, 5, 6], dtype=np.int64)]
    cases.append(group_case("all-missing group", keys, values, True, True))
    big = rng.normal(0, 1e6, 2000) * 10.0 ** rng.integers(-8, 8, 2000)
    keys = [rng.integers(0, 7, 2000).astype(np.int64)]
    cases.append(group_case("float sums of mixed magnitude", keys, [big, big.astype(np.float32)], False, True))

    # Sorts: several keys and directions, and unique single keys.
    sort_sets = [["int64", "str"], ["float64", "int32"], ["str", "float64"], ["category", "int64"],
                 ["bool", "datetime64[s]", "float64"], ["Int64", "str"], ["uint8", "category", "str"]]
    for key_kinds in sort_sets:
        for trial in range(5):
            n = int(rng.choice([0, 1, 20, 300, 2000]))
            keys = [make_column(kind, n, rng, int(rng.choice([3, 30]))) for kind in key_kinds]
            ascending = [bool(rng.random() < 0.5) for _ in keys]
            cases.append(sort_case(f"{'+'.join(key_kinds)} {trial}", keys, ascending, bool(trial % 2)))
    for kind in ["int64", "float64", "str", "uint64"]:
        n = 500 if kind != "str" else len(STRINGS)
        if kind == "str":
            keys = pd.array(list(rng.permutation(STRINGS)), dtype="str")
        else:
            keys = (rng.permutation(n * 3)[:n] - n).astype(kind if kind != "uint64" else "int64")
            if kind == "uint64":
                keys = (keys + n * 4).astype(np.uint64)
        for ascending in (True, False):
            cases.append(sort_case(f"unique {kind}", [keys], [ascending], True))
    for kind in ["float64", "str", "category"]:
        keys = make_column(kind, 200, rng, 8, missing=0.2)
        for ascending in (True, False):
            for na_last in (True, False):
                cases.append(sort_case(f"one key with ties {kind}", [keys], [ascending], na_last))

    # value_counts, unique, nunique.
    for kind in ["int64", "float64", "str", "category", "bool", "Int64", "datetime64[s]"]:
        for trial in range(4):
            n = int(rng.choice([0, 1, 10, 200, 2000]))
            cases.append(series_case(f"{kind} {trial}", make_column(kind, n, rng, int(rng.choice([3, 30])), missing=0.2)))

    with open(sys.argv[1], "w") as out:
        json.dump({"pandas": pd.__version__, "cases": cases}, out)


if __name__ == "__main__":
    main()
