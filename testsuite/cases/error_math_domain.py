# exit: 1
# math.sqrt of a negative Python float raises ValueError (math domain error).
import math

x = 4.0
print(math.sqrt(x))
x = x - 5.0
print(math.sqrt(x))
print("not reached")
