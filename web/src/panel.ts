// The details panel: the selected entity with its relations, what it needs and what it provides,
// every element with a link to its citations (the Evidence view).
import type { Dependency, Quantity } from '../../src/model/types.js';
import { api } from './api.js';
import { h, num, pct } from './dom.js';
import { go, state } from './state.js';

const q = (x: Quantity | undefined, asPct = false) => {
  if (!x) return '—';
  const f = (v: number) => (asPct ? pct(v) : num(v, v % 1 ? 2 : 0));
  const s = x.min !== x.max ? `${f(x.nominal)} (${f(x.min)}–${f(x.max)})` : f(x.nominal);
  return x.unit && !asPct ? `${s} ${x.unit}` : s;
};

/** A link opening the citations of a model element in the Evidence view. */
export function citeLink(id: string, count: number | null = null): HTMLElement {
  return h(
    'a',
    {
      href: `#view=evidence&sel=${encodeURIComponent(id)}`,
      class: 'cite-link',
      title: 'Open the citations',
      'data-cite-for': id,
    },
    count === null ? '§' : count ? `§${count}` : '§0',
  );
}

const entityLink = (id: string, names: Record<string, string>) =>
  h(
    'a',
    { href: '#', class: 'entity-link', onclick: (e: Event) => (e.preventDefault(), go({ sel: id })) },
    names[id] ?? id,
  );

function depRow(d: Dependency, names: Record<string, string>, self?: string): HTMLElement {
  return h(
    'li',
    {},
    h(
      'div',
      {},
      d.node === self ? 'needs ' : [entityLink(d.node, names), ' needs '],
      h('b', {}, d.input),
      ' ',
      citeLink(d.id, d.cite.length),
    ),
    h('div', { class: 'muted' }, `criticality ${q(d.criticality, true)} · buffer ${q(d.buffer)}`),
    h(
      'ul',
      { class: 'providers' },
      d.providers.map((p) =>
        h(
          'li',
          {},
          entityLink(p.provider, names),
          h(
            'span',
            { class: 'muted' },
            ` share ${q(p.share, true)}${p.quality.nominal !== 1 ? ` · quality ${q(p.quality, true)}` : ''}${p.leadTime.nominal ? ` · lead time ${q(p.leadTime)}` : ''}${p.valid ? ` · ${p.valid.from ?? ''}–${p.valid.to ?? ''}` : ''}`,
          ),
        ),
      ),
    ),
  );
}

/** Shows the entity `id` in the panel (or hides it). */
export async function showPanel(panel: HTMLElement, id: string | undefined): Promise<void> {
  if (!id) {
    panel.hidden = true;
    return;
  }
  panel.hidden = false;
  panel.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
  let d;
  try {
    d = await api.entity(id);
  } catch {
    // A relation or dependency (selected for its evidence) has no card.
    panel.hidden = true;
    return;
  }
  if (state().sel !== id) return;
  const e = d.entity;
  const quantities = Object.entries(e.quantities);
  const parts: (Node | null)[] = [
    h(
      'button',
      { class: 'close', title: 'Close (Esc)', 'aria-label': 'Close', onclick: () => go({ sel: undefined }) },
      '×',
    ),
    h('h2', { 'data-entity': e.id }, e.name, ' ', citeLink(e.id, e.cite.length)),
    h(
      'p',
      { class: 'muted' },
      [
        e.kind,
        e.type,
        e.country,
        e.valid ? `valid ${e.valid.from ?? '…'}–${e.valid.to ?? '…'}` : null,
        e.date,
        e.estimate ? 'estimate' : null,
        e.confidence ? `confidence ${e.confidence}` : null,
      ]
        .filter(Boolean)
        .join(' · '),
    ),
    e.aliases.length ? h('p', { class: 'muted' }, 'also: ', e.aliases.join(', ')) : null,
    e.description ? h('p', {}, e.description) : null,
    e.note ? h('p', { class: 'note' }, e.note) : null,
    quantities.length
      ? h(
          'div',
          {},
          h('h3', {}, 'Figures'),
          h(
            'ul',
            {},
            quantities.map(([k, v]) =>
              h(
                'li',
                {},
                `${k}: `,
                h('a', { href: `#view=evidence&sel=${encodeURIComponent(e.id)}`, class: 'number' }, q(v)),
                v.estimate ? h('span', { class: 'muted' }, ' (estimate)') : null,
              ),
            ),
          ),
        )
      : null,
    d.needs.length
      ? h(
          'div',
          {},
          h('h3', {}, 'Rests on'),
          h(
            'ul',
            { class: 'deps' },
            d.needs.map((x) => depRow(x, d.names, e.id)),
          ),
        )
      : null,
    d.providesFor.length
      ? h(
          'div',
          {},
          h('h3', {}, 'Provides for'),
          h(
            'ul',
            { class: 'deps' },
            d.providesFor.map((x) => depRow(x, d.names)),
          ),
        )
      : null,
    d.relations.length
      ? h(
          'div',
          {},
          h('h3', {}, 'Relations'),
          h(
            'ul',
            {},
            d.relations.map((r) =>
              h(
                'li',
                {},
                entityLink(r.from, d.names),
                ` ${r.type} `,
                entityLink(r.to, d.names),
                r.valid
                  ? h('span', { class: 'muted' }, ` ${r.valid.from ?? '…'}–${r.valid.to ?? '…'}`)
                  : null,
                ' ',
                citeLink(r.id, r.cite.length),
              ),
            ),
          ),
        )
      : null,
    e.at ? h('p', { class: 'muted small' }, `${e.at.file}:${e.at.line}`) : null,
  ];
  panel.replaceChildren(...parts.filter((x): x is Node => x !== null));
}
