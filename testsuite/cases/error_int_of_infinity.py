# exit: 1
# stderr: last-line
# int() of an infinity raises CPython's OverflowError.
x = 1e308
print(int(x / 1e300))
print(int(-x * 10.0))
print("not reached")
