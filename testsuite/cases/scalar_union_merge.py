# Where paths that assign different scalar types meet, the value keeps the type it has at run time.
# args:
# args: a b c d e f
import sys


def pick(flag):
    if flag > 0:
        return 1
    return 0.5


def accumulate(n):
    total = 0
    for i in range(n):
        total += 0.5
    return total


print(pick(1), pick(-1))
print(accumulate(0), accumulate(3))
y = 0
for i in range(len(sys.argv) - 1):
    y = y + 1.5
print(y)
z = 1 if len(sys.argv) > 5 else 2.5
print(z)
w = 3 if len(sys.argv) < 5 else 2.5
print(w, w * 2, -w, w / 2, w // 2, w > 2, w == 3, 1 < w <= 3)
err = 1
steps = 0
while err > 1e-3:
    err = err / 10
    steps += 1
print(err, steps)
flag = False
for i in range(3):
    if i == len(sys.argv):
        flag = i
print(flag, not flag, flag + 1)
v = 4
if len(sys.argv) > 3:
    v = 4.0
print(f"{v} {v:5} {v!r} {v:.2f}", str(v), abs(v), int(v), float(v), round(v), "%s" % v, (v, 1))
u = pick(len(sys.argv) - 2)
print(u, u + pick(-1), pick(u))
