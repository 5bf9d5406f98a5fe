// Plain-graph reference workload: reachability (how many nodes each target rests on) and the
// dominator tree of the supply graph, by the iterative algorithm of Cooper, Harvey & Kennedy ("A
// Simple, Fast Dominance Algorithm", Software Practice & Experience 4, 2001). The dominator tree
// reads every requirement as an OR over every input (a node is supplied if any input path reaches
// it), so it misses the AND of separate requirements that cut sets catch; it is here as the
// baseline the cut sets are compared with, and as the workload timed against NetworkX in bench/.
import type { CompiledModel } from '../compile.js';

/** Number of distinct nodes each target reaches through requirements (itself excluded). */
export function supportSizes(cm: CompiledModel, targets: readonly number[]): Int32Array {
  const out = new Int32Array(targets.length);
  const seen = new Int32Array(cm.n).fill(-1);
  const queue = new Int32Array(cm.n);
  targets.forEach((t, k) => {
    let head = 0;
    let tail = 0;
    queue[tail++] = t;
    seen[t] = k;
    while (head < tail) {
      const u = queue[head++];
      for (let r = cm.reqOffsets[u]; r < cm.reqOffsets[u + 1]; r++)
        for (let p = cm.provOffsets[r]; p < cm.provOffsets[r + 1]; p++) {
          const v = cm.provNode[p];
          if (seen[v] !== k) {
            seen[v] = k;
            queue[tail++] = v;
          }
        }
    }
    out[k] = tail - 1;
  });
  return out;
}

/**
 * Immediate dominators of the supply graph (edges from provider to dependent) rooted at a virtual
 * source that feeds every node without requirements. idom[v] is a node index, `n` for the virtual
 * source, or −1 when v cannot be reached from it (a closed loop with no raw input).
 */
export function dominators(cm: CompiledModel): Int32Array {
  const n = cm.n;
  const S = n;
  // Depth-first postorder from the source along supply edges.
  const post = new Int32Array(n + 1).fill(-1);
  const order: number[] = [];
  const visited = new Uint8Array(n + 1);
  const leaves: number[] = [];
  for (let v = 0; v < n; v++) if (cm.reqOffsets[v + 1] === cm.reqOffsets[v]) leaves.push(v);
  const succStart = (u: number) => (u === S ? 0 : cm.usedByOffsets[u]);
  const succEnd = (u: number) => (u === S ? leaves.length : cm.usedByOffsets[u + 1]);
  const succ = (u: number, k: number) => (u === S ? leaves[k] : cm.reqNode[cm.provReq[cm.usedBy[k]]]);
  const stackNode: number[] = [S];
  const stackPos: number[] = [succStart(S)];
  visited[S] = 1;
  while (stackNode.length) {
    const top = stackNode.length - 1;
    const u = stackNode[top];
    if (stackPos[top] < succEnd(u)) {
      const v = succ(u, stackPos[top]++);
      if (!visited[v]) {
        visited[v] = 1;
        stackNode.push(v);
        stackPos.push(succStart(v));
      }
      continue;
    }
    stackNode.pop();
    stackPos.pop();
    post[u] = order.length;
    order.push(u);
  }
  const idom = new Int32Array(n + 1).fill(-1);
  idom[S] = S;
  const intersect = (a: number, b: number) => {
    while (a !== b) {
      while (post[a] < post[b]) a = idom[a];
      while (post[b] < post[a]) b = idom[b];
    }
    return a;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (let k = order.length - 2; k >= 0; k--) {
      const v = order[k];
      let nd = -1;
      const pred = (p: number) => {
        if (idom[p] === -1) return;
        nd = nd === -1 ? p : intersect(p, nd);
      };
      if (cm.reqOffsets[v + 1] === cm.reqOffsets[v]) pred(S);
      for (let r = cm.reqOffsets[v]; r < cm.reqOffsets[v + 1]; r++)
        for (let p = cm.provOffsets[r]; p < cm.provOffsets[r + 1]; p++)
          if (post[cm.provNode[p]] !== -1) pred(cm.provNode[p]);
      if (nd !== idom[v]) {
        idom[v] = nd;
        changed = true;
      }
    }
  }
  return idom.subarray(0, n);
}
