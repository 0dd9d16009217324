# Methods of str beyond lower/upper/strip/lstrip/rstrip/find/count/startswith/endswith/
# replace/split/format/join are not supported.
name = "jacobi solver"
print(name.title())
