# exit: 1
# stderr: exception
# NumPy's errors of np.einsum's subscripts, raised where the call is (after what was
# printed before).
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
A = np.ones((2, 3))
print(np.einsum("ij->j", A))
if args.case == 0:
    print(np.einsum("ijk", A))
elif args.case == 1:
    print(np.einsum("i", A))
elif args.case == 2:
    print(np.einsum("ij,j", A))
elif args.case == 3:
    print(np.einsum("ij->ik", A))
elif args.case == 4:
    print(np.einsum("ij->ii", A))
else:
    print(np.einsum("i,i", np.ones(2), np.ones(2), np.ones(2)))
