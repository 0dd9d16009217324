# exit: 1
# stderr: exception
# Errors around list comprehensions (found by the fuzzer): an item reading a name its own
# statement binds (NameError), and joins of no items (NumPy's ValueErrors).
# args: --case 0
# args: --case 1
# args: --case 2
import argparse
import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("--case", type=int, default=0)
args = parser.parse_args()
n = args.case - 3
print(np.array([k * 0.5 for k in range(n)]).shape)
if args.case == 0:
    x = np.array([i * x for i in range(5)])
elif args.case == 1:
    rows = np.stack([np.ones(3) * k for k in range(n)])
else:
    rows = np.concatenate([np.ones(3) * k for k in range(n)])
