# exit: 1
# stderr: exact
# sys.exit("message"): the message on stderr, status 1.
import sys
import numpy as np

x = np.linspace(0.0, 1.0, 5)
print(x.mean())
if x.max() > 0.5:
    sys.exit(f"max {x.max():.2f} above the limit")
print("not reached")
