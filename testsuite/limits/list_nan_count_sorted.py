# legatec: ValueError: legatec: sorting a list that holds NaN (Python's order of the items then depends on its comparisons; sort the array instead: `np.sort(np.array(xs))` puts NaN last)
# `sorted` of written-out floats holding a NaN: CPython's order of them is its comparisons'
# accident (a NaN compares false both ways), so a compiled program stops rather than guess.
# (`list.count`/`remove` of a NaN in a list holding one stop likewise: identity.)
import numpy as np

print(sorted([2.0, 1.0], reverse=True))
nan = float(np.sqrt(-np.ones(1))[0])
print(sorted([2.0, nan, 1.0]))
