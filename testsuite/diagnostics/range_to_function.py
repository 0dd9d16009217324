# A range passed to a user function is refused (the function would see a list); a lambda
# takes it as a range.
def show(r):
    print(r)


show(range(3))
