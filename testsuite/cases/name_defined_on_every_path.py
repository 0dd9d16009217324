# Variables assigned on every path (if/else, while True with break, before loops) read their value.
import sys

n = len(sys.argv)
if n > 3:
    x = 1.5
else:
    x = 2.5
print(x)
while True:
    y = n * 2
    if y > 0:
        break
print(y)
for k in range(3):
    z = k * k
print(z, k)


def first_positive(values_count):
    i = 0
    while True:
        i += 1
        if i * i > values_count:
            found = i
            break
    return found


print(first_positive(10))
