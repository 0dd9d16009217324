# exit: 1
# Python integer modulo by zero raises ZeroDivisionError inside a function.
def wrap(i, n):
    return i % n


for n in range(3, -1, -1):
    print(n, wrap(7, n))
print("not reached")
