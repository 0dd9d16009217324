# Refusals of session 36's functions: complex fmod/copysign/signbit, correlate of complex
# or with a mode NumPy 2 does not take, round of booleans to negative decimals.
import numpy as np

z = np.array([1 + 2j, 3 - 1j])
a = np.arange(4)
print(np.fmod(z, 2), np.copysign(z, 1.0), np.signbit(z))
print(np.correlate(z, z), np.correlate(a, a, "s"), np.convolve(a, a, mode="Same"))
print(np.round(a > 1, -1), np.round(a, -400))
print(np.hanning(np.arange(3)), np.kaiser(4, 1j))
print(np.iinfo(np.int64), np.finfo(np.float32).machep, np.iinfo(np.int8).kind, np.finfo([1.0]))
