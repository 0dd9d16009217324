# A for loop over a list of strings is not supported (ranges, arrays, lists of numbers of
# one type, enumerate and zip are).
names = ["heat", "wave"]
for name in names:
    print(name)
