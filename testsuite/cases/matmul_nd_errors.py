# exit: 1
# stderr: exception
# NumPy's errors of N-D products: a summed axis that differs (matmul's gufunc message, also
# for 2-D operands under @), batch axes that do not broadcast, and np.dot's "not aligned".
# args: --case 0
# args: --case 1
# args: --case 2
# args: --case 3
# args: --case 4
import argparse
import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("--case", type=int, default=0)
args = parser.parse_args()
A = np.ones((2, 3, 4))
print(A.shape)
if args.case == 0:
    print(A @ np.ones((3, 5, 6)))
elif args.case == 1:
    print(np.matmul(A, np.ones((5, 4, 2))))
elif args.case == 2:
    print(np.dot(A, np.ones((5, 6))))
elif args.case == 3:
    print(np.ones((2, 3)) @ np.ones((4, 5)))
else:
    print(np.ones(3) @ np.ones((2, 4, 5)))
