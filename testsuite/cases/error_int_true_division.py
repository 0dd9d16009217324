# exit: 1
# stderr: exception
# args:
# args: 1
# Python's int / int by zero says "division by zero"; a float division's says "float
# division by zero" (found by the fuzzer).
import sys

x = len(sys.argv) - 2
print(x / 2, 7 / 2, True / 2, 1.5 / 3)
if x < 0:
    print(int(x / 0))
else:
    print(x / 0.0)
