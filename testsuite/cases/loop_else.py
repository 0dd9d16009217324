# The else blocks of for and while loops: run where the loop ends without break (breaks of
# nested loops, and a break in a nested loop's else block leaving the enclosing loop).
import numpy as np


def first_prime_after(n):
    k = n + 1
    while True:
        for d in range(2, int(k ** 0.5) + 1):
            if k % d == 0:
                break
        else:
            return k
        k += 1


def find(a, x):
    for i in range(len(a)):
        if a[i] == x:
            print("found at", i)
            break
    else:
        print("not found")
        return -1
    return i


a = np.array([4, 8, 15, 16, 23, 42])
print(find(a, 15), find(a, 7))
print([first_prime_after(n) for n in [10, 20, 90]])
n = 0
while n < 3:
    n += 1
else:
    print("while done", n)
for i in range(3):
    for j in range(3):
        if i + j == 3:
            break
    else:
        print("inner completed for", i)
        continue
    print("inner broke for", i)
for v in np.array([3.0, 5.0]):
    if v > 4.5:
        break
else:
    print("no big value")
for outer in range(4):
    for inner in range(2):
        pass
    else:
        if outer == 2:
            break
print("outer stopped at", outer)
