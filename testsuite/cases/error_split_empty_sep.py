# exit: 1
# stderr: exception
# str.split with an empty separator: Python's ValueError.
sep = "x".replace("x", "")
print("abc".split("b"))
print("abc".split(sep))
