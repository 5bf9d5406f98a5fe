// The live workbench state: the URL hash (see hash-state.ts), changes through `go`, listeners on
// every change (hashchange).
import { formatHash, parseHash, type State } from './hash-state.js';

export { VIEWS, formatHash, parseHash, type State, type View } from './hash-state.js';
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
