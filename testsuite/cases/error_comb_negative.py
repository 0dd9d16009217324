# exit: 1
# stderr: exception
# math.comb and math.perm of a negative argument: CPython's ValueError.
import math

n = 5
print(math.comb(n, 2), math.perm(n, 2), math.comb(n, n + 1))
print(math.perm(n - 7, 1))
