# exit: 1
# stderr: exception
# int() of an infinity raises CPython's OverflowError.
x = 1e308
print(int(x / 1e300))
print(int(-x * 10.0))
print("not reached")
