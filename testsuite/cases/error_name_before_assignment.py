# exit: 1
# stderr: last-line
print("start")
print(k)
k = 7
