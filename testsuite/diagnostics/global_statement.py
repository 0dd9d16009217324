# The global statement is not supported; pass values to functions and return results.
count = 0


def bump():
    global count
    count = count + 1


bump()
print(count)
