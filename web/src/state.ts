// The workbench's state lives in the URL hash, so every view, selection, date and scenario is a
// deep link: `#view=graph&sel=mzkt&date=2019&scenario=regime-change&runs=r1,r2&cite=src/slug/3`.
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

type Listener = (s: State, prev: State) => void;
const listeners: Listener[] = [];
let current: State = parseHash(location.hash);

/** The current state. */
export const state = (): State => current;

/** Changes the state (merging `patch`) and the URL; listeners run on the hashchange. */
export function go(patch: Partial<State>, replace = false): void {
  const next = { ...current, ...patch };
  const h = formatHash(next);
  if (h === location.hash) return;
  if (replace) {
    history.replaceState(null, '', h);
    emit();
  } else location.hash = h;
}

/** Subscribes to state changes. */
export function onState(l: Listener): void {
  listeners.push(l);
}

function emit() {
  const prev = current;
  current = parseHash(location.hash);
  for (const l of listeners) l(current, prev);
}
window.addEventListener('hashchange', emit);
