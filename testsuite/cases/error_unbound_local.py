# exit: 1
# stderr: exception
# A local read before its assignment raises UnboundLocalError.
def f(n):
    if n > 5:
        y = 2
    return y


print(f(7))
print(f(3))
