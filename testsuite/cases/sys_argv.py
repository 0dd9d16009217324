# sys.argv: a list of str; int() and float() of its items.
# args: 12 0.25 hello
# args: 3 -1e3 x y z
import sys

n = int(sys.argv[1])
x = float(sys.argv[2])
print(len(sys.argv), n * 2, x / 2)
print(sys.argv[1:], len(sys.argv[1:]), sys.argv[-1], sys.argv[1:][0])
for word in sys.argv[3:]:
    print("word", word, len(sys.argv[3:]))
total = 0.0
for i in range(1, 3):
    total += float(sys.argv[i])
print(total)
if len(sys.argv) > 4:
    print("many:", sys.argv[4])
