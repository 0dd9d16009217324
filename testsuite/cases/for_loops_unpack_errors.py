# exit: 1
# stderr: exception
# Unpacking a row of the wrong length in a for loop, and iterating a 0-d array: Python's
# errors.
# args: --case 0
# args: --case 1
# args: --case 2
import argparse
import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("--case", type=int, default=0)
args = parser.parse_args()
points = np.arange(6.0).reshape(3, 2)
for x, y in points:
    print(x, y)
if args.case == 0:
    for x, y, z in points:
        print(x)
elif args.case == 1:
    for (x, y) in np.ones((2, 3)):
        print(x)
else:
    for v in np.array(2.0):
        print(v)
