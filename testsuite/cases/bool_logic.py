# whitespace: exact
# Python bools: printing, `and`/`or`/`not`, and bools used as numbers.
t = True
f = False
print(t, f, not t, not f)
print(t and f, t or f, (3 > 2) and (2 > 1), (3 < 2) or (1 > 2))
print(t + t, t * 5, f + 1, t / 2)
count = 0
for i in range(20):
    even = i % 2 == 0
    small = i < 7
    if even and not small:
        count += 1
    elif small or i == 19:
        count += 10
print("count:", count)
flag = 10 > 3
if flag:
    print("flag is set")
else:
    print("flag is clear")
