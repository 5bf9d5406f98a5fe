// The workbench shell: loads the model, switches views from the URL hash, runs the search box,
// the keyboard shortcuts and the details panel.
import './style.css';
import type { ModelInfo } from '../../src/server/contract.js';
import { api } from './api.js';
import { h, seedColours, toast } from './dom.js';
import { showPanel } from './panel.js';
import { VIEWS, go, onState, state, type State, type View } from './state.js';

export interface ViewContext {
  model: ModelInfo;
  panel: HTMLElement;
}
export interface ViewHandle {
  /** Called when shown and on every state change while shown. */
  update(s: State, prev: State | undefined): void | Promise<void>;
  /** Called when the view is hidden. */
  hide?(): void;
}
type Factory = (root: HTMLElement, ctx: ViewContext) => ViewHandle | Promise<ViewHandle>;

const FACTORIES: Record<View, () => Promise<Factory>> = {
  graph: () => import('./views/graph.js').then((m) => m.graphView),
  map: () => import('./views/map.js').then((m) => m.mapView),
  timeline: () => import('./views/timeline.js').then((m) => m.timelineView),
  scenarios: () => import('./views/scenarios.js').then((m) => m.scenariosView),
  vulnerabilities: () => import('./views/vulnerabilities.js').then((m) => m.vulnerabilitiesView),
  evidence: () => import('./views/evidence.js').then((m) => m.evidenceView),
};

async function start() {
  const viewRoot = document.getElementById('view')!;
  const panel = document.getElementById('panel')!;
  let model: ModelInfo;
  // Fetch the first view's code while the model loads.
  void FACTORIES[state().view]().catch(() => undefined);
  try {
    model = await api.model();
  } catch (e) {
    viewRoot.replaceChildren(h('p', { class: 'error' }, `Cannot load the model: ${(e as Error).message}`));
    return;
  }
  seedColours('kind', model.kinds);
  seedColours('country', model.countries);
  document.getElementById('model-title')!.textContent = model.title;
  document.title = `${model.title} · tyl`;
  const ctx: ViewContext = { model, panel };
  const handles = new Map<View, { el: HTMLElement; handle: Promise<ViewHandle> }>();
  let shown: View | undefined;

  const show = async (s: State, prev: State | undefined) => {
    for (const b of document.querySelectorAll<HTMLButtonElement>('#tabs button')) {
      b.setAttribute('aria-selected', String(b.dataset.view === s.view));
      b.tabIndex = b.dataset.view === s.view ? 0 : -1;
    }
    if (shown !== s.view) {
      if (shown) {
        const old = handles.get(shown)!;
        old.el.hidden = true;
        (await old.handle).hide?.();
      }
      shown = s.view;
      if (!handles.has(s.view)) {
        const el = h('div', { class: `view-${s.view}`, 'data-view': s.view });
        viewRoot.append(el);
        handles.set(s.view, { el, handle: FACTORIES[s.view]().then((f) => f(el, ctx)) });
      }
      handles.get(s.view)!.el.hidden = false;
      prev = undefined;
    }
    try {
      await (await handles.get(s.view)!.handle).update(s, prev);
    } catch (e) {
      console.error(e);
      toast((e as Error).message);
    }
    if (!prev || prev.sel !== s.sel) await showPanel(panel, s.sel);
    document.body.dataset.ready = s.view;
  };

  for (const b of document.querySelectorAll<HTMLButtonElement>('#tabs button'))
    b.addEventListener('click', () => go({ view: b.dataset.view as View }));
  onState((s, prev) => void show(s, prev));
  setupSearch();
  setupKeys();
  await show(state(), undefined);
}

function setupSearch() {
  const input = document.getElementById('search') as HTMLInputElement;
  const box = document.getElementById('search-results')!;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  const close = () => (box.hidden = true);
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (!text) return close();
    timer = setTimeout(async () => {
      const my = ++seq;
      const r = await api.search(text, 8);
      if (my !== seq) return;
      const pick = (f: () => void) => (e: Event) => {
        e.preventDefault();
        close();
        input.value = '';
        f();
      };
      box.replaceChildren(
        ...(r.entities.length ? [h('div', { class: 'group' }, 'Entities')] : []),
        ...r.entities.map((e) =>
          h(
            'a',
            { href: '#', role: 'option', class: 'hit', onclick: pick(() => go({ sel: e.id })) },
            h('b', {}, e.name),
            h('span', { class: 'muted' }, ` ${e.kind}${e.country ? ' · ' + e.country : ''}`),
          ),
        ),
        ...(r.paragraphs.length ? [h('div', { class: 'group' }, 'Source paragraphs')] : []),
        ...r.paragraphs.map((p) =>
          h(
            'a',
            {
              href: '#',
              role: 'option',
              class: 'hit',
              onclick: pick(() => go({ view: 'evidence', cite: `${p.source}/${p.section}/${p.paragraph}` })),
            },
            h('span', { class: 'muted' }, `${p.source} › ${p.heading} ¶${p.paragraph}: `),
            p.text.length > 140 ? p.text.slice(0, 140) + '…' : p.text,
          ),
        ),
        ...(r.entities.length + r.paragraphs.length ? [] : [h('div', { class: 'muted group' }, 'No match')]),
      );
      box.hidden = false;
    }, 150);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      input.value = '';
      close();
      input.blur();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      box.querySelector<HTMLElement>('a.hit')?.focus();
    } else if (e.key === 'Enter') box.querySelector<HTMLElement>('a.hit')?.click();
  });
  box.addEventListener('keydown', (e) => {
    const a = document.activeElement as HTMLElement;
    if (e.key === 'ArrowDown') (a.nextElementSibling as HTMLElement | null)?.focus();
    if (e.key === 'ArrowUp') (a.previousElementSibling as HTMLElement | null)?.focus();
    if (e.key === 'Escape') input.focus();
  });
  document.addEventListener('click', (e) => {
    if (!box.contains(e.target as Node) && e.target !== input) close();
  });
}

function setupKeys() {
  document.addEventListener('keydown', (e) => {
    const t = e.target as HTMLElement;
    if (t.closest('input, textarea, select, [contenteditable]') || e.metaKey || e.ctrlKey || e.altKey) return;
    const n = Number(e.key);
    if (n >= 1 && n <= VIEWS.length) go({ view: VIEWS[n - 1] });
    else if (e.key === '/') {
      e.preventDefault();
      (document.getElementById('search') as HTMLInputElement).focus();
    } else if (e.key === 'Escape') go({ sel: undefined });
    else if (e.key === '?')
      toast('Keys: 1–6 views · / search · Esc close · ←/→ on the date slider · Enter opens a focused row');
  });
}

void start();
