// Timeline view: dated events, the validity spans of entities, relations and dependencies, and
// the turning points (years with the most changes) on one time axis. Clicking opens the entity.
import { dayNumber, dateEnd } from '../../../src/model/dates.js';
import { api } from '../api.js';
import { h } from '../dom.js';
import type { ViewContext, ViewHandle } from '../main.js';
import { go, type State } from '../state.js';

const SVG = 'http://www.w3.org/2000/svg';
function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  ...kids: (Node | string)[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...kids);
  return el;
}

export async function timelineView(root: HTMLElement, ctx: ViewContext): Promise<ViewHandle> {
  const t = await api.timeline();
  // The axis covers the replay decade and every turning point; earlier starts are clipped at its left edge.
  const years = ctx.model.replay;
  const layerF = h(
    'select',
    { 'aria-label': 'Show', id: 't-layer' },
    ...['all', 'relation', 'dependency', 'entity'].map((v) =>
      h('option', { value: v }, v === 'all' ? 'all spans' : `${v} spans`),
    ),
  );
  const box = h('div', { class: 'timeline', id: 'timeline-canvas' });
  const tps = h('ul', { class: 'turning-points' });
  root.append(
    h(
      'div',
      { class: 'toolbar' },
      layerF,
      h('span', { class: 'muted small' }, `${t.events.length} events · ${t.spans.length} validity spans`),
    ),
    h('div', { class: 'timeline-wrap' }, box, h('aside', {}, h('h3', {}, 'Turning points'), tps)),
  );
  const y0 = Math.min(years.from, ...t.turningPoints.map((p) => Number(p.date.slice(0, 4)))) - 1;
  const y1 = Math.max(years.to, ...t.turningPoints.map((p) => Number(p.date.slice(0, 4)))) + 1;
  const d0 = dayNumber(String(y0));
  const d1 = dayNumber(String(y1 + 1));

  tps.replaceChildren(
    ...t.turningPoints.map((p) =>
      h(
        'li',
        {},
        h(
          'a',
          { href: '#', onclick: (e: Event) => (e.preventDefault(), go({ date: p.date })) },
          h('b', {}, p.date),
        ),
        ` · ${p.changes} change${p.changes === 1 ? '' : 's'}`,
        p.events.length
          ? h(
              'div',
              { class: 'muted small' },
              p.events.map((id) => t.events.find((e) => e.id === id)?.name ?? id).join('; '),
            )
          : null,
      ),
    ),
  );

  const draw = (sel?: string, date?: string) => {
    const spans = t.spans.filter(
      (x) => (layerF.value === 'all' || x.layer === layerF.value) && !(x.to && dayNumber(dateEnd(x.to)) < d0),
    );
    const W = Math.max(600, box.clientWidth - 10);
    const labelW = 260;
    const row = 18;
    const top = 70;
    const H = top + spans.length * row + 30;
    const X = (d: number) => labelW + ((d - d0) / (d1 - d0)) * (W - labelW - 20);
    const svg = s('svg', { width: W, height: H, role: 'img', 'aria-label': 'Timeline' });
    for (let y = y0; y <= y1; y++) {
      const x = X(dayNumber(String(y)));
      svg.append(
        s('line', { x1: x, x2: x, y1: 40, y2: H - 20, class: 'grid' }),
        s('text', { x: x + 3, y: 36, class: 'tick' }, String(y)),
      );
    }
    for (const p of t.turningPoints) {
      const x = X(dayNumber(p.date));
      svg.append(
        s(
          'rect',
          {
            x,
            y: 40,
            width: Math.max(2, X(dayNumber(dateEnd(p.date)) + 1) - x),
            height: H - 60,
            class: 'turning',
          },
          s('title', {}, `turning point ${p.date}: ${p.changes} changes`),
        ),
      );
    }
    if (date) {
      const x = X(dayNumber(date));
      svg.append(s('line', { x1: x, x2: x, y1: 20, y2: H - 10, class: 'asof' }));
    }
    for (const e of t.events) {
      const d = e.date ?? e.valid?.from;
      if (!d || dayNumber(d) < d0) continue;
      const x = X(dayNumber(d));
      const g = s(
        'g',
        { class: `event${e.id === sel ? ' selected' : ''}`, tabindex: 0, 'data-id': e.id, role: 'button' },
        s('path', { d: `M${x},48 l6,8 l-6,8 l-6,-8 z` }),
        s('title', {}, `${d}: ${e.name}`),
      );
      g.addEventListener('click', () => go({ sel: e.id }));
      g.addEventListener('keydown', (ev) => (ev as KeyboardEvent).key === 'Enter' && go({ sel: e.id }));
      svg.append(g);
    }
    spans.forEach((x, i) => {
      const y = top + i * row;
      const a = x.from ? Math.max(labelW, X(dayNumber(x.from))) : labelW;
      const b = x.to ? X(dayNumber(dateEnd(x.to)) + 1) : W - 20;
      const g = s(
        'g',
        {
          class: `span ${x.layer}${x.entity === sel || x.id === sel ? ' selected' : ''}`,
          tabindex: 0,
          role: 'button',
          'data-id': x.id,
        },
        s(
          'text',
          { x: labelW - 6, y: y + 12, class: 'label', 'text-anchor': 'end' },
          x.label.length > 42 ? x.label.slice(0, 41) + '…' : x.label,
        ),
        s('rect', { x: a, y: y + 3, width: Math.max(3, b - a), height: row - 6, rx: 3 }),
        s('title', {}, `${x.label}: ${x.from ?? '…'} – ${x.to ?? '…'}`),
      );
      g.addEventListener('click', () => go({ sel: x.entity }));
      g.addEventListener('keydown', (ev) => (ev as KeyboardEvent).key === 'Enter' && go({ sel: x.entity }));
      svg.append(g);
    });
    box.replaceChildren(svg);
  };
  let last: State | undefined;
  layerF.addEventListener('change', () => draw(last?.sel, last?.date));
  return {
    update(st: State) {
      last = st;
      draw(st.sel, st.date);
    },
  };
}
