# A variable that holds None on one path and an int on another: legatec has no
# optional values yet, and says where the two kinds meet.
import sys
best = None
for v in [3, 1, 2]:
    if best is None or v < best:
        best = v
print(best)
