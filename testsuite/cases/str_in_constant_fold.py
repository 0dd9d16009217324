# `sub in s` of strings known when compiling is known when compiling: in a loop over
# strings written out (unrolled), the branch not taken is not lowered, so an RPN evaluator's
# stack takes the type of what is pushed.
stack = []
for tok in ["3", "4", "*", "5", "-", "2", "/"]:
    if tok in "*-/":
        b = stack.pop()
        a = stack.pop()
        if tok == "*":
            stack.append(a * b)
        elif tok == "-":
            stack.append(a - b)
        else:
            stack.append(a // b)
    else:
        stack.append(int(tok))
print(stack, "x" in "xyz", "q" in "xyz", "" in "")
