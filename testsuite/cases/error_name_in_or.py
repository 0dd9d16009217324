# exit: 1
# stderr: exception
# A name no path assigned before, read as an operand of `or` in a loop's condition: NameError
# (found by the fuzzer, seed 34: the raise was dropped and the loop ran forever).
j = 0
while limit is None or j < 2:
    limit = 5
    j += 1
print(j)
