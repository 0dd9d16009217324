# exit: 1
# stderr: exception
# divmod of Python ints by a zero known only at run time: ZeroDivisionError.
import sys

x = len(sys.argv) - 1
print(divmod(-7, 2))
print(divmod(3, x))
