// The workbench's state lives in the URL hash, so every view, selection, date and scenario is a
// deep link: `#view=graph&sel=mzkt&date=2019&scenario=regime-change&runs=r1,r2&cite=src/slug/3`.
// Parsing and formatting are pure (tested in test/web-hash-state.test.ts); state.ts holds the live state.
export const VIEWS = ['graph', 'map', 'timeline', 'scenarios', 'vulnerabilities', 'evidence'] as const;
export type View = (typeof VIEWS)[number];

export interface State {
  view: View;
  /** Selected entity (or relation/dependency for evidence). */
  sel?: string;
  /** As-of date (YYYY[-MM[-DD]]). */
  date?: string;
  scenario?: string;
  /** Runs shown (compared) in the scenario view. */
  runs?: string[];
  /** A paragraph open in the reader: source/section/paragraph. */
  cite?: string;
}

/** Parses a location hash into a state (unknown keys ignored, bad views fall back to graph). */
export function parseHash(hash: string): State {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const view = (VIEWS as readonly string[]).includes(p.get('view') ?? '') ? (p.get('view') as View) : 'graph';
  const s: State = { view };
  for (const k of ['sel', 'date', 'scenario', 'cite'] as const) {
    const v = p.get(k);
    if (v) s[k] = v;
  }
  const runs = p.get('runs');
  if (runs) s.runs = runs.split(',').filter(Boolean);
  return s;
}

/** Formats a state as a hash (stable key order). */
export function formatHash(s: State): string {
  const p = new URLSearchParams();
  p.set('view', s.view);
  if (s.sel) p.set('sel', s.sel);
  if (s.date) p.set('date', s.date);
  if (s.scenario) p.set('scenario', s.scenario);
  if (s.runs?.length) p.set('runs', s.runs.join(','));
  if (s.cite) p.set('cite', s.cite);
  return '#' + p.toString().replace(/%2C/g, ',').replace(/%2F/g, '/');
}
