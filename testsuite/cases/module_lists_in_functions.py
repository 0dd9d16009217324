# Module-level lists, tuples and dicts read inside functions: strings, numbers, arrays, and
# values computed at module level (fuzz seed 8612: a compiler crash; a list of strings read
# in a function's loop printed other values with exit 0).
import numpy as np

SELLERS = ["WELLS FARGO BANK, N.A.", "QUICKEN LOANS INC.", "OTHER"]
if np.sum(np.ones(2)) > 1.0:
    SHORT = ["Wells Fargo", "Quicken", "Other"]
SIZES = [3, 4]
SCALE = (0.5, 2 * 1.25)
ARRS = [np.ones(2), np.arange(3.0) * SCALE[1]]
MODES = ("edge", "wrap")
PARAMS = {"n": 4, "label": "grid", "w": np.linspace(0.0, 1.0, 3)}


def main():
    for seller, short in zip(SELLERS, SHORT):
        print(f"{seller}|{short}")
    print(SIZES, SCALE, len(SELLERS), SELLERS[1], SHORT[-1])
    for s in SIZES:
        print(s, np.zeros(s).shape)
    for a in ARRS:
        print(a, a.sum())
    for mode in MODES:
        print(mode, np.pad(np.arange(4.0), 1, mode=mode))
    print(PARAMS["n"] * 2, PARAMS["label"], PARAMS["w"] + 1.0)
    return sum(a.sum() for a in ARRS)


print(main())
