# A loop over string constants (unrolled): each iteration's string is known when compiling,
# so arguments that must be constants take it; strings never equal numbers.
import numpy as np

a = np.arange(5.0)
for mode in ("edge", "wrap", "reflect", "symmetric"):
    print(mode, np.pad(a, 2, mode=mode), mode == 1, mode in (1, 2.5))
for name, how in [("same", "same"), ("valid", "valid")]:
    print(name, np.convolve(a, [1.0, 0.5], mode=how))
for kind in ("linear", "nearest"):
    print(kind, np.percentile(a, 40) if kind == "linear" else a[np.abs(a - 1.6).argmin()])
label = "fast"
print(label == 3, 3 != label, label in (1, "fast"), 2 in ("a", "b"), "a" in ("a", 1))
print(mode)
