# A for loop over a list of values is not supported (ranges, arrays, enumerate and zip are).
values = [1.0, 2.5, 4.0]
total = 0.0
for v in values:
    total += v
print(total)
