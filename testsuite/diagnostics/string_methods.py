# Methods of str are not supported.
name = "jacobi solver"
print(name.upper())
