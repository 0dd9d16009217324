# exit: 1
# stderr: exception
# divmod of Python floats by a zero known only at run time: Python's own ZeroDivisionError
# ("float divmod()"), not floor division's.
import sys

x = float(len(sys.argv) - 1)
print(divmod(7, 2))
print(divmod(3.0, x))
