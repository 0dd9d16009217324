# Python typing where paths meet: `total` is an int before the loop and a float after an
# iteration, so it keeps a run-time tag; the loop body adds to each variant, and `print`
# is lowered once per type. `last` may be unbound after the loop (an empty range): its read
# checks the tag and raises NameError.
import sys

n = len(sys.argv)
total = 0
for i in range(n):
    total += 0.5
    last = i
print(total, last)
