# exit: 1
# stderr: exception
# Fewer values than the names beside the starred one: Python's ValueError.
t = (1,)
print(len(t))
a, b, *rest = t
print(a, b, rest)
