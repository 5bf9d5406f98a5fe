// Strongly connected components of the part of a graph reachable from some roots, by Tarjan's
// algorithm (Tarjan, "Depth-first search and linear graph algorithms", SIAM J. Comput. 1(2), 1972),
// iterative so deep supply chains do not overflow the call stack.

/**
 * Components reachable from `roots` along `edgesOf`, each listed once, in the order Tarjan's
 * algorithm completes them: a component comes after every component it has an edge into (for a
 * requirement graph, providers come before the nodes that need them).
 */
export function stronglyConnected(
  n: number,
  roots: readonly number[],
  edgesOf: (u: number, visit: (v: number) => void) => void,
): number[][] {
  // Local adjacency of the reachable part.
  const adj = new Map<number, number[]>();
  const todo = [...roots];
  for (const r of roots) adj.set(r, []);
  for (let h = 0; h < todo.length; h++) {
    const u = todo[h];
    const list = adj.get(u)!;
    edgesOf(u, (v) => {
      list.push(v);
      if (!adj.has(v)) {
        adj.set(v, []);
        todo.push(v);
      }
    });
  }
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  const callStack: [number, number][] = [];
  for (const root of roots) {
    if (index[root] !== -1) continue;
    callStack.push([root, 0]);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (callStack.length) {
      const frame = callStack[callStack.length - 1];
      const [u, k] = frame;
      const list = adj.get(u)!;
      if (k < list.length) {
        frame[1]++;
        const v = list[k];
        if (index[v] === -1) {
          index[v] = low[v] = counter++;
          stack.push(v);
          onStack[v] = 1;
          callStack.push([v, 0]);
        } else if (onStack[v] && index[v] < low[u]) low[u] = index[v];
        continue;
      }
      callStack.pop();
      if (callStack.length) {
        const parent = callStack[callStack.length - 1][0];
        if (low[u] < low[parent]) low[parent] = low[u];
      }
      if (low[u] === index[u]) {
        const comp: number[] = [];
        let v: number;
        do {
          v = stack.pop()!;
          onStack[v] = 0;
          comp.push(v);
        } while (v !== u);
        out.push(comp.reverse());
      }
    }
  }
  return out;
}
