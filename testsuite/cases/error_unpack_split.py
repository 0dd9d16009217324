# exit: 1
# stderr: exception
# Unpacking a list of strings made when running into a number of names it does not have:
# Python's ValueError.
pairs = "a=1;b=2;c".split(";")
for p in pairs:
    k, v = p.split("=")
    print(k, v)
