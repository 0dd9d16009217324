# exit: 1
# stderr: exception
# Back substitution run one row too far: `b[i]` is out of bounds and the product's operands
# do not match. Python reads `b[i]` first, so its IndexError comes before the product's
# ValueError (found by the fuzzer, seed 3940).
import numpy as np

n = 6
U = np.triu(np.fromfunction(lambda i, j: 1.0 + i + 2.0 * j, (n, n)))
b = np.arange(1.0, n / 1)
x = np.zeros(n)
for i in reversed(range(n)):
    x[i] = (b[i] - U[i, ::-1] @ x[i + 1:]) / U[i, i]
print(x)
