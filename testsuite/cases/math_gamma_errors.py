# exit: 1
# stderr: exception
# CPython's domain and range errors of math.gamma and math.lgamma.
# args: --case 0
# args: --case 1
# args: --case 2
# args: --case 3
import argparse
import math

parser = argparse.ArgumentParser()
parser.add_argument("--case", type=int, default=0)
args = parser.parse_args()
x = float(args.case)
print(math.gamma(x + 0.5))
if args.case == 0:
    print(math.gamma(x))
elif args.case == 1:
    print(math.gamma(-x - 2.0))
elif args.case == 2:
    print(math.gamma(x * 100.0))
else:
    print(math.lgamma(-x))
