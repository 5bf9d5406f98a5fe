"""Solves LPs written by bench/rei.bench.ts with SciPy's linprog(method="highs") (native HiGHS).

Input: a JSON file {"lps": [{"cost", "colLo", "colUp", "rowUp", "starts", "index", "value"}]} where
every row is `A x <= rowUp` (the fixed-window loss LPs have no row lower bounds). Output (stdout,
JSON): availability, versions, the objective of each LP and the time spent in linprog calls only.
"""
import json
import sys
import time

try:
    import numpy as np
    import scipy
    from scipy.optimize import linprog
    from scipy.sparse import csr_matrix
except Exception as e:  # noqa: BLE001 - report any import failure
    print(json.dumps({"available": False, "reason": f"{type(e).__name__}: {e}"}))
    sys.exit(0)

with open(sys.argv[1], encoding="utf8") as f:
    data = json.load(f)

objectives = []
total = 0.0
for lp in data["lps"]:
    n = len(lp["cost"])
    m = len(lp["rowUp"])
    A = csr_matrix((np.array(lp["value"]), np.array(lp["index"]), np.array(lp["starts"])), shape=(m, n))
    inf = lambda v: None if v is None else v  # noqa: E731
    bounds = list(zip(map(inf, lp["colLo"]), map(inf, lp["colUp"])))
    t0 = time.perf_counter()
    r = linprog(np.array(lp["cost"]), A_ub=A, b_ub=np.array(lp["rowUp"]), bounds=bounds, method="highs")
    total += time.perf_counter() - t0
    objectives.append(r.fun if r.status == 0 else None)

print(json.dumps({
    "available": True,
    "python": sys.version.split()[0],
    "scipy": scipy.__version__,
    "objectives": objectives,
    "total_s": total,
}))
