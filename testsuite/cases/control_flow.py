# for with 1-3 range arguments, while with break/continue, if/elif/else.
total = 0
for i in range(5):
    total += i
print("range(5):", total)
for i in range(2, 6):
    print(i, end=" ")
print()
for i in range(10, 0, -3):
    print(i, end=" ")
print()
for i in range(0, 20, 7):
    print(i, end=" ")
print()
for i in range(5, 5):
    print("never")
for i in range(3, -4, -2):
    print(i, end=",")
print()

n = 27
steps = 0
while n != 1:
    if n % 2 == 0:
        n = n // 2
    else:
        n = 3 * n + 1
    steps += 1
print("collatz steps for 27:", steps)

k = 0
found = -1
while True:
    k += 1
    if k % 3 == 0:
        continue
    if k * k > 200:
        found = k
        break
print("first k not divisible by 3 with k*k > 200:", found)

for v in range(-3, 4):
    if v < -1:
        kind = "very negative"
    elif v < 0:
        kind = "negative"
    elif v == 0:
        kind = "zero"
    else:
        kind = "positive"
    print(v, kind)

acc = 0
for i in range(4):
    for j in range(4):
        if j > i:
            break
        if (i + j) % 2 == 1:
            continue
        acc += i * 10 + j
print("nested:", acc)
