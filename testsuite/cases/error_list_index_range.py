# exit: 1
# stderr: exception
# A list indexed past its end by a value known only when running: Python's IndexError.
import sys

w = [1.5, 2.5, 3.5]
k = len(sys.argv) + 2
print(w[k - 3])
print(w[k])
