#!/usr/bin/env python3
"""Reference timing for bench/structure.bench.ts: the same reachability / dominator workload in
NetworkX, on the graph the TypeScript side generated (read from the JSON file given as argument).

Workload, timed after the graphs are built:
  1. for every capability, the number of nodes it reaches along requirement edges (nx.descendants);
  2. the immediate dominators of the supply graph (provider -> dependent edges) from a virtual
     source feeding every node without requirements (nx.immediate_dominators, Cooper et al. 2001).
Prints one JSON object: seconds per part, the NetworkX version, and check sums the TypeScript side
compares with its own results so both sides provably did the same work.
"""
import json
import sys
import time

try:
    import networkx as nx
except ImportError:
    print(json.dumps({"available": False, "reason": "python module networkx not installed (Debian: apt-get install python3-networkx)"}))
    sys.exit(0)


def main(path):
    with open(path) as f:
        g = json.load(f)
    n = g["n"]
    edges = g["edges"]  # [dependent, provider]
    caps = g["capabilities"]
    dep = nx.DiGraph()
    dep.add_nodes_from(range(n))
    dep.add_edges_from(edges)
    supply = dep.reverse(copy=True)
    source = n
    supply.add_node(source)
    for v in range(n):
        if dep.out_degree(v) == 0:
            supply.add_edge(source, v)

    c0 = time.process_time()
    t0 = time.perf_counter()
    sizes = [len(nx.descendants(dep, c)) for c in caps]
    t1 = time.perf_counter()
    idom = nx.immediate_dominators(supply, source)
    t2 = time.perf_counter()
    c2 = time.process_time()

    print(json.dumps({
        "available": True,
        "networkx": nx.__version__,
        "python": sys.version.split()[0],
        "reachability_s": t1 - t0,
        "dominators_s": t2 - t1,
        "total_s": t2 - t0,
        "total_cpu_s": c2 - c0,
        "support_sum": sum(sizes),
        "reachable_from_source": sum(1 for v in idom if v != source),
        "idom_source_children": sum(1 for v, d in idom.items() if v != source and d == source),
        "idom_checksum": sum((v + 1) * (d + 1) for v, d in idom.items() if v != source) % 1000000007,
    }))


if __name__ == "__main__":
    main(sys.argv[1])
