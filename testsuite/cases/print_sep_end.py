# whitespace: exact
# print with several arguments, sep= and end=.
print("a", 1, 2.5, True)
print("a", 1, 2.5, True, sep=", ")
print("x", "y", "z", sep="")
print("no newline", end="")
print(" continued")
for i in range(5):
    print(i, end=" ")
print()
for i in range(3):
    print(i, i * i, sep=":", end=";")
print("")
print("done", end="\n")
print()
print("tab", "separated", sep="\t")
