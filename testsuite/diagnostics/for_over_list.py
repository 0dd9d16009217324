# A for loop over a string is not supported (ranges, arrays, lists and tuples, enumerate
# and zip are; a list of other values than numbers of one type is unrolled).
name = "heat"
for ch in name:
    print(ch)
