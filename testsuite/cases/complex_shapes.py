# Complex arrays through the shape operations (views and copies move both parts).
import numpy as np
z = (np.arange(12.0) + 1j * np.arange(12.0)[::-1]).reshape(3, 4)
w = np.exp(0.5j * np.arange(3))
print(np.outer(w, w))
print(np.concatenate([z, z * 1j]), np.stack([w, w + 1]))
print(np.vstack([z[0], z[1]]), np.hstack([w, w]))
print(np.flip(z), np.fliplr(z), np.flipud(z), np.roll(w, 1))
print(np.expand_dims(w, 0).shape, np.squeeze(z[None], axis=0).shape, np.swapaxes(z, 0, 1), np.moveaxis(z, 0, 1).shape)
print(np.tile(w, 2), np.repeat(w, 2), np.broadcast_to(w, (2, 3)))
print(z.ravel(), z.flatten()[::5], z.T, z.reshape(4, 3)[1], z[None].squeeze(axis=0).swapaxes(0, 1)[0])
