# exit: 1
# stderr: exception
# Popping more items than a list built at run time holds: Python's IndexError.
xs = []
for i in range(2):
    xs.append(i * 1.0)
print(xs.pop(), xs.pop())
print(xs.pop())
