# exit: 1
# Python integer floor division by zero raises ZeroDivisionError.
total = 0
d = 3
for i in range(3):
    d -= 1
    if d != 0:
        total += 12 // d
    print("step", i, "total", total)
print(total // d)
print("not reached")
