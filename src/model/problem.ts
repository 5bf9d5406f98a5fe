// Problems found in a model, reported all at once like a compiler's diagnostics.
import type { At } from './types.js';

export interface Problem {
  /** `error` stops loading; `warning` is reported and loading goes on. */
  severity: 'error' | 'warning';
  /** A short stable code, e.g. `unknown-reference`, `yaml-syntax`, `schema`. */
  code: string;
  message: string;
  at?: At;
  /** JSON path inside the file, e.g. `entities[3].country`. */
  path?: string;
}

/** Formats a problem as `file:line:column: error[code]: message`. */
export function formatProblem(p: Problem): string {
  const where = p.at ? `${p.at.file}:${p.at.line}:${p.at.column}: ` : '';
  const path = p.path && !p.at ? ` (at ${p.path})` : '';
  return `${where}${p.severity}[${p.code}]: ${p.message}${path}`;
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n];
}

/** The closest candidate to `word`, if one is close enough to be a plausible misspelling. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const w = word.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(word.length / 3));
  if (bestD <= limit) return best;
  if (best.toLowerCase().includes(w) || w.includes(best.toLowerCase())) return best;
  return undefined;
}

/** Thrown for input errors a user can fix; the CLI prints it without a stack trace. */
export class UserError extends Error {
  readonly problems: Problem[];
  constructor(message: string, problems: Problem[] = []) {
    super(message);
    this.name = 'UserError';
    this.problems = problems;
  }
}
