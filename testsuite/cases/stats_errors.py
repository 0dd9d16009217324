# exit: 1
# stderr: exception
# NumPy's errors of the statistics and counting functions, raised where the call is.
# args: --case 0
# args: --case 1
# args: --case 2
# args: --case 3
# args: --case 4
# args: --case 5
import argparse
import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("--case", type=int, default=0)
args = parser.parse_args()
a = np.arange(5.0)
print(np.median(a))
if args.case == 0:
    print(np.percentile(a, 101))
elif args.case == 1:
    print(np.quantile(a, -0.5))
elif args.case == 2:
    print(np.bincount(np.array([1, -1])))
elif args.case == 3:
    print(np.digitize(a, np.array([0.0, 2.0, 1.0])))
elif args.case == 4:
    print(np.interp(a, np.array([1.0, 2.0]), np.array([1.0, 2.0, 3.0])))
else:
    h, e = np.histogram(a, bins=np.array([0.0, 2.0, 1.0]))
    print(h)
