# exit: 1
# stderr: exception
print("start")
print(k)
k = 7
