# int() of a str that is not a number raises ValueError, as in Python.
# exit: 1
# stderr: exception
# args: 12x
import sys

print("before")
n = int(sys.argv[1])
print(n)
