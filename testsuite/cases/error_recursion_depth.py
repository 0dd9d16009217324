# exit: 1
# stderr: exception
# Calls of a function by itself nested past Python's default recursion limit: its
# RecursionError, at the same depth (998 nested calls from the module pass, 999 do not).
def f(n):
    if n == 0:
        return 0
    return f(n - 1) + 1


print(f(998))
print(f(999))
