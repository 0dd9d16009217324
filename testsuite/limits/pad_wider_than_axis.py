# legatec: ValueError: np.pad(mode='wrap') with a pad wider than the axis it repeats (legatec pads in one step)
# NumPy repeats the wrap as often as the pad needs; legatec fills each border in one step
# and stops where a border is wider than the axis.
import numpy as np

a = np.arange(3.0)
print("before", np.pad(a, 2, mode="wrap"))
print(np.pad(a, 5, mode="wrap"))
