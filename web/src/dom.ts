// Small DOM helpers shared by the views: an element builder, palettes, formatting, a toast.
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | undefined | null>;

/** Creates an element: `h('button', { class: 'x', onclick: f }, 'Run')`. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v as EventListener);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat())
    if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

/** A qualitative palette (Tableau 10 + extras), stable per key order. */
const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
  '#1f77b4',
  '#8c564b',
  '#17becf',
];
const assigned = new Map<string, Map<string, string>>();
/** The colour of `value` within the category `scheme` (e.g. kind, country). */
export function colourOf(scheme: string, value: string | undefined): string {
  if (!value) return '#999999';
  let m = assigned.get(scheme);
  if (!m) assigned.set(scheme, (m = new Map()));
  let c = m.get(value);
  if (!c) m.set(value, (c = PALETTE[m.size % PALETTE.length]));
  return c;
}
/** Pre-assigns colours in a known order so legends are stable. */
export function seedColours(scheme: string, values: string[]): void {
  for (const v of values) colourOf(scheme, v);
}
export function legend(scheme: string, values: string[]): HTMLElement {
  return h(
    'div',
    { class: 'legend' },
    ...values.map((v) =>
      h('span', { class: 'key' }, h('i', { style: `background:${colourOf(scheme, v)}` }), v),
    ),
  );
}

/** Impact 0..1 (1 = lost) as a colour from pale yellow to dark red. */
export function impactColour(impact: number): string {
  const t = Math.max(0, Math.min(1, impact));
  const stops = [
    [255, 247, 188],
    [254, 196, 79],
    [236, 112, 20],
    [153, 52, 4],
  ];
  const x = t * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const c = stops[i].map((a, k) => Math.round(a + (stops[i + 1][k] - a) * f));
  return `rgb(${c.join(',')})`;
}

export const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`;
export const num = (x: number | null | undefined, d = 1) =>
  x === null || x === undefined ? '—' : x.toFixed(d);

let toastTimer: ReturnType<typeof setTimeout> | undefined;
/** Shows a short message at the bottom of the page. */
export function toast(message: string): void {
  const t = document.getElementById('toast')!;
  t.textContent = message;
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (t.hidden = true), 5000);
}

/** A sortable table: click (or Enter on) a header to sort; rows call `open` on click/Enter. */
export function sortableTable<T>(
  columns: {
    label: string;
    value: (r: T) => string | number | null;
    render?: (r: T) => Child;
    numeric?: boolean;
  }[],
  rows: T[],
  open: (r: T) => void,
  initial = 0,
): HTMLElement {
  let sortCol = initial;
  let dir = columns[initial]?.numeric ? -1 : 1;
  const table = h('table', { class: 'grid' });
  const draw = () => {
    const sorted = [...rows].sort((a, b) => {
      const va = columns[sortCol].value(a);
      const vb = columns[sortCol].value(b);
      if (va === vb) return 0;
      if (va === null) return 1;
      if (vb === null) return -1;
      return (va < vb ? -1 : 1) * dir;
    });
    table.replaceChildren(
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((c, i) =>
            h(
              'th',
              {
                tabindex: 0,
                'aria-sort': i === sortCol ? (dir > 0 ? 'ascending' : 'descending') : 'none',
                class: c.numeric ? 'num' : '',
                onclick: () => sortBy(i),
                onkeydown: (e: Event) => (e as KeyboardEvent).key === 'Enter' && sortBy(i),
              },
              c.label,
              i === sortCol ? (dir > 0 ? ' ▲' : ' ▼') : '',
            ),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        sorted.map((r) =>
          h(
            'tr',
            {
              tabindex: 0,
              onclick: () => open(r),
              onkeydown: (e: Event) => (e as KeyboardEvent).key === 'Enter' && open(r),
            },
            columns.map((c) =>
              h('td', { class: c.numeric ? 'num' : '' }, c.render ? c.render(r) : String(c.value(r) ?? '—')),
            ),
          ),
        ),
      ),
    );
  };
  const sortBy = (i: number) => {
    if (i === sortCol) dir = -dir;
    else {
      sortCol = i;
      dir = columns[i].numeric ? -1 : 1;
    }
    draw();
  };
  draw();
  return table;
}
