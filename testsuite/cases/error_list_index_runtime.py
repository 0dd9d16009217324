# exit: 1
# stderr: exception
# An index past the end of a list built at run time: Python's IndexError.
xs = []
for i in range(3):
    xs.append(i)
print(xs[-3], xs[2])
xs[len(xs)] = 4
