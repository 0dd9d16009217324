# exit: 1
# stderr: exception
# A Python int shifted by a negative count is a ValueError, found at run time.
x = 5
for k in range(2, -2, -1):
    print(x << k, x >> k)
