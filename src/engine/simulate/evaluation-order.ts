// Evaluation order for the simulation: strongly connected components of the requirement graph
// (node -> its providers) in an order where providers come before their dependants, found with
// Tarjan's algorithm (R. Tarjan, "Depth-first search and linear graph algorithms", SIAM J. Comput.
// 1(2), 1972), written iteratively so million-node graphs do not overflow the stack. Tarjan emits a
// component only after every component reachable from it, i.e. after all its providers.
import type { CompiledModel } from '../compile.js';

/** Components in provider-first order: nodes of component c are order[offsets[c] .. offsets[c+1]). */
export interface EvaluationOrder {
  order: Int32Array;
  offsets: Int32Array;
  /** 1 when component c has a cycle (more than one node, or a node that provides for itself). */
  cyclic: Uint8Array;
}

type Graph = Pick<CompiledModel, 'n' | 'reqOffsets' | 'provOffsets' | 'provNode'>;

/** Strongly connected components of the requirement graph, providers first. */
export function evaluationOrder(cm: Graph): EvaluationOrder {
  const { n, reqOffsets, provOffsets, provNode } = cm;
  const first = (i: number) => provOffsets[reqOffsets[i]];
  const last = (i: number) => provOffsets[reqOffsets[i + 1]];
  const idx = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  let sp = 0;
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  let cp: number;
  const order = new Int32Array(n);
  let op = 0;
  const offsets: number[] = [0];
  const cyclic: number[] = [];
  let counter = 0;

  for (let root = 0; root < n; root++) {
    if (idx[root] !== -1) continue;
    callNode[0] = root;
    callEdge[0] = first(root);
    cp = 1;
    idx[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (cp > 0) {
      const v = callNode[cp - 1];
      const e = callEdge[cp - 1];
      if (e < last(v)) {
        callEdge[cp - 1] = e + 1;
        const w = provNode[e];
        if (idx[w] === -1) {
          idx[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          callNode[cp] = w;
          callEdge[cp] = first(w);
          cp++;
        } else if (onStack[w] && idx[w] < low[v]) low[v] = idx[w];
        continue;
      }
      // v is finished.
      if (low[v] === idx[v]) {
        const start = op;
        let w: number;
        do {
          w = stack[--sp];
          onStack[w] = 0;
          order[op++] = w;
        } while (w !== v);
        let cyc = op - start > 1 ? 1 : 0;
        if (!cyc) for (let p = first(v); p < last(v); p++) if (provNode[p] === v) cyc = 1;
        offsets.push(op);
        cyclic.push(cyc);
      }
      cp--;
      if (cp > 0) {
        const u = callNode[cp - 1];
        if (low[v] < low[u]) low[u] = low[v];
      }
    }
  }
  return { order, offsets: Int32Array.from(offsets), cyclic: Uint8Array.from(cyclic) };
}
