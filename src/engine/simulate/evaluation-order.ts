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
  const res = { order, offsets: Int32Array.from(offsets), cyclic: Uint8Array.from(cyclic) };
  orderInsideLoops(cm, res);
  return res;
}

/**
 * Reorders the members of each cyclic component by a depth-first post-order over its own provider
 * links, so that providers precede their dependants except across the loops' back edges. Tarjan's
 * emission order inside a component is arbitrary in this respect (on the benchmark network half of
 * the links inside its large loop point backwards), and sweeps in that order converge slowly.
 */
function orderInsideLoops(cm: Graph, eo: EvaluationOrder): void {
  const { n, reqOffsets, provOffsets, provNode } = cm;
  const { order, offsets, cyclic } = eo;
  const stamp = new Int32Array(n).fill(-1);
  const seen = new Int32Array(n).fill(-1);
  const stackNode = new Int32Array(n);
  const stackEdge = new Int32Array(n);
  const out = new Int32Array(n);
  for (let c = 0; c < cyclic.length; c++) {
    if (!cyclic[c]) continue;
    const a = offsets[c];
    const b = offsets[c + 1];
    for (let k = a; k < b; k++) stamp[order[k]] = c;
    let m = 0;
    for (let k = a; k < b; k++) {
      const root = order[k];
      if (seen[root] === c) continue;
      seen[root] = c;
      stackNode[0] = root;
      stackEdge[0] = provOffsets[reqOffsets[root]];
      let sp = 1;
      while (sp > 0) {
        const v = stackNode[sp - 1];
        const e = stackEdge[sp - 1];
        if (e < provOffsets[reqOffsets[v + 1]]) {
          stackEdge[sp - 1] = e + 1;
          const w = provNode[e];
          if (stamp[w] === c && seen[w] !== c) {
            seen[w] = c;
            stackNode[sp] = w;
            stackEdge[sp] = provOffsets[reqOffsets[w]];
            sp++;
          }
          continue;
        }
        out[m++] = v;
        sp--;
      }
    }
    order.set(out.subarray(0, m), a);
  }
}
