# Variables that hold None on some paths and a number or an array on others (`best =
# None`, then `best = x` in a loop): `is None` / `is not None` tests, `==`, truthiness,
# printing and f-strings of None, a conditional expression choosing between them, the
# short circuit of `and`/`or` that guards their use, indexing and attributes where the
# value is known not to be None, an array element set from one, and copies of them.
import numpy as np

a = np.array([3.0, -1.0, 4.0, 1.5, -9.0, 2.5])
best = None
for x in a:
    if best is None or x > best:
        best = x
print(best, best is None)

last_neg = None
for i in range(len(a)):
    if a[i] < 0:
        last_neg = i
if last_neg is not None:
    print("last negative at", last_neg, a[last_neg])

found = None
for i in range(len(a)):
    if a[i] > 100:
        found = i
print(found, found is None, found == None)
if found is None:
    print("none above 100")
else:
    print("found", found * 2)

prev = None
diffs = 0.0
for k in range(4):
    cur = a * (k + 1)
    if prev is not None:
        diffs = diffs + float(np.sum(cur - prev))
        print(prev.shape, prev[0])
    prev = cur
print(diffs, prev)

m = None
for v in [2, 7, 1]:
    m = v if m is None else max(m, v)
print(m)

for trial in range(3):
    x = None
    for i in range(3):
        if i == trial:
            x = a[i + 1]
    if x:
        print("truthy", x)
    if not x:
        print("falsy", x)
    print(f"x={x}", str(x), bool(x))
    y = x
    print(y is None, y)
    b = np.zeros(2)
    if x is not None and x > 0:
        b[0] = x
    print(b)

j = 0
limit = None
while limit is None or j < limit:
    j += 1
    if j == 3:
        limit = 5
print(j, limit)
