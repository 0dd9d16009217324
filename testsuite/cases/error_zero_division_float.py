# exit: 1
# Python float division by zero raises ZeroDivisionError (unlike NumPy arrays).
import math

x = 1.0
y = math.sqrt(4.0) - 2.0
print("x =", x, "y =", y)
print(x / (y + 1.0))
print(x / y)
print("not reached")
