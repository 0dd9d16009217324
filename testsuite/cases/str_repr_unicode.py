# exit: 1
# stderr: exception
# Python's repr of a str (tuples, `!r`, error messages): the quote CPython picks, backslash
# escapes, non-printable characters as \xhh, \uhhhh, \Uhhhhhhhh, printable non-ASCII kept.
import numpy as np

s = "tab\there, é ü, \u0378 \x85 \xa0 \u200b \u2028 \ue000 \U000e0001 \U0001faf0 😀 日本"
print((s, "it's", "a\"b'c", "back\\slash", "\x00\x7f\r\n"))
print(f"{s!r} and {'é'!r}")
t = "\u0600" + s
print((t,))
np.save("no_such_directory/caf\x85\u0378é.npy", np.zeros(3))
