# exit: 1
# stderr: exception
# Reading a variable that no path assigned raises NameError, as CPython does.
n = 3
if n > 5:
    x = 1.0
print("before")
print(x)
