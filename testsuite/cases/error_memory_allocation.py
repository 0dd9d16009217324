# exit: 1
# stderr: exception
# An array too large for the machine is NumPy's MemoryError (the size in binary units,
# the shape and the dtype); a byte count past int64 is NumPy's ValueError. np.zeros and
# np.empty of 10**12 (7.28 TiB, the size of the issue) exceed RAM plus swap, which Linux's
# default overcommit heuristic refuses in one request, for NumPy and for every rank's
# share alike. The arrays that are written (ones, full, arange, a kernel's result) are
# larger than any address space (2**57 bytes), so they fail whatever the overcommit policy.
# args: zeros
# args: empty
# args: ones
# args: full2d
# args: bool
# args: float32
# args: int32
# args: exabytes
# args: too_big
# args: outer
import sys

import numpy as np

what = sys.argv[1]
print(what)
if what == "zeros":
    a = np.zeros(10**12)
elif what == "empty":
    b = np.empty(10**12)
elif what == "ones":
    c = np.ones(10**17)
elif what == "full2d":
    d = np.full((10**9, 10**9), 2.5)
elif what == "bool":
    e = np.zeros(10**14, dtype=bool)
elif what == "float32":
    f = np.ones((3, 10**17), dtype=np.float32)
elif what == "int32":
    g = np.arange(10**17, dtype=np.int32)
elif what == "exabytes":
    h = np.zeros(2**60 - 1)
elif what == "too_big":
    i = np.zeros(2**60)
else:
    x = np.zeros(10**9)
    j = x[:, np.newaxis] + x
print("not reached")
