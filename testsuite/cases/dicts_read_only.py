# Dicts with keys known when compiling: reads at constant keys (strings, ints, a float key
# equal to an int), len, in / not in, get with and without a default, keys/values/items,
# iteration, nested dicts, printing (a repeated key keeps its first place and last value),
# dicts of string keys passed to functions; `in` over lists and tuples of numbers and strings.
import numpy as np
params = {"nx": 8, "dt": 0.5, "name": "run", 3: [1, 2], 1.0: "one"}
a = np.ones(params["nx"]) * params["dt"]
print(params["name"], a.sum(), len(params), "nx" in params, "ny" not in params, True in params)
for k, v in params.items():
    print(k, v)
for k in params:
    print(k, end=" ")
print()
print(params, params.get("ny", 7), params.get("dt"), params.get(5))
print(list(params.keys()), list(params.values()), params[1])
d = {"a": 1, "b": 2, "a": 3}
print(d, len(d), {})
method = "jacobi"
print(method in ("jacobi", "gauss"), 2 in [1, 2, 3], 5 not in (1, 2))
cfg = dict_like = {"solver": {"tol": 1e-6, "maxit": 50}}
print(cfg["solver"]["tol"] * 2, cfg)
def run(p, scale=1.0):
    return np.zeros(p["nx"]).sum() + p["dt"] * scale + len(p)
sizes = {"nx": 16, "dt": 0.25, "label": "s"}
print(run(sizes), run(sizes, 2.0), run({"nx": 2, "dt": 1.0}))
