# Methods of str beyond lower/upper/strip/lstrip/rstrip/find/count/startswith/endswith/
# replace/format/join are not supported (split makes a list of strs).
name = "jacobi solver"
print(name.split())
