# Indexing past the end of sys.argv raises IndexError.
# exit: 1
# stderr: exception
# args: one
import sys

print(sys.argv[1])
print(sys.argv[2])
