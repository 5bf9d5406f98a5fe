// Evidence view: the citations of the selected element (entity, relation or dependency), each
// resolved to its paragraph; a citation opens the source in the reader at that paragraph with the
// mentions of model entities highlighted.
import type { DocumentData, ParagraphView } from '../../../src/server/contract.js';
import { api } from '../api.js';
import { h } from '../dom.js';
import type { ViewContext, ViewHandle } from '../main.js';
import { go, type State } from '../state.js';

/** A paragraph's text with its mentions wrapped in <mark> links to their entity. */
export function highlighted(p: ParagraphView): HTMLElement {
  const el = h('p', { class: 'para-text' });
  let at = 0;
  for (const m of p.mentions) {
    if (m.start < at) continue;
    el.append(p.text.slice(at, m.start));
    el.append(
      h(
        'mark',
        { 'data-entity': m.entity, title: `Open ${m.entity}`, onclick: () => go({ sel: m.entity }) },
        p.text.slice(m.start, m.end),
      ),
    );
    at = m.end;
  }
  el.append(p.text.slice(at));
  return el;
}

export async function evidenceView(root: HTMLElement, ctx: ViewContext): Promise<ViewHandle> {
  const cites = h('div', { class: 'citations', id: 'e-citations' });
  const reader = h('div', { class: 'reader', id: 'e-reader', tabindex: 0, 'aria-label': 'Source reader' });
  const sourceSel = h(
    'select',
    { id: 'e-source', 'aria-label': 'Source' },
    ctx.model.sources.map((s) => h('option', { value: s.id }, s.title)),
  );
  root.append(
    h(
      'div',
      { class: 'two-col' },
      h('div', { class: 'col-left' }, h('h3', {}, 'Citations'), cites),
      h('div', { class: 'col-right' }, h('div', { class: 'toolbar' }, 'Reader: ', sourceSel), reader),
    ),
  );
  const docs = new Map<string, DocumentData | null>();
  const doc = async (id: string) => {
    if (!docs.has(id)) docs.set(id, await api.document(id).catch(() => null));
    return docs.get(id)!;
  };
  sourceSel.addEventListener('change', () => go({ cite: `${sourceSel.value}` }));

  const showCitations = async (sel: string | undefined) => {
    if (!sel) {
      cites.replaceChildren(
        h(
          'p',
          { class: 'muted' },
          'Select an entity (graph, map, search) or click a § mark to see its citations.',
        ),
      );
      return;
    }
    const ev = await api.evidence(sel).catch(() => null);
    if (!ev) {
      cites.replaceChildren(h('p', { class: 'muted' }, `No element “${sel}”.`));
      return;
    }
    cites.replaceChildren(
      h('h4', {}, ev.element.label, h('span', { class: 'muted small' }, ` (${ev.element.layer})`)),
      ...(ev.citations.length
        ? []
        : [h('p', { class: 'warn' }, 'No citation: this element rests on no source.')]),
      ...ev.citations.map((c) => {
        const key = `${c.cite.source}/${c.cite.section}/${c.cite.paragraph}`;
        return h(
          'div',
          { class: 'citation' },
          h(
            'a',
            {
              href: '#',
              class: 'cite-anchor',
              'data-cite': key,
              onclick: (e: Event) => (e.preventDefault(), go({ cite: key })),
            },
            `${c.cite.source} › ${c.cite.section} ¶${c.cite.paragraph}${c.cite.to ? `–${c.cite.to}` : ''}`,
          ),
          c.on ? h('span', { class: 'muted small' }, ` on ${c.on}`) : null,
          c.cite.note ? h('div', { class: 'note' }, c.cite.note) : null,
          c.paragraphs === null
            ? h(
                'div',
                { class: 'warn small' },
                'This paragraph is not available (source not ingested, or the anchor does not resolve).',
              )
            : c.paragraphs.map((p) => highlighted(p)),
        );
      }),
    );
  };

  const showReader = async (cite: string | undefined) => {
    const [source, section, para] = (cite ?? '').split('/');
    const id = source || ctx.model.sources[0]?.id;
    if (!id) {
      reader.replaceChildren(h('p', { class: 'muted' }, 'This model has no sources.'));
      return;
    }
    sourceSel.value = id;
    const d = await doc(id);
    if (!d) {
      reader.replaceChildren(
        h('p', { class: 'muted' }, `The text of “${id}” is not available; ingest it with tyl ingest.`),
      );
      return;
    }
    let target: HTMLElement | null = null;
    const out: HTMLElement[] = [h('h2', {}, d.source.title)];
    let lastSection = '';
    for (const p of d.paragraphs) {
      if (p.section !== lastSection) {
        out.push(h('h3', { id: `sec-${p.section}` }, p.heading || p.section));
        lastSection = p.section;
      }
      const isTarget = p.section === section && String(p.paragraph) === para;
      const el = h(
        'div',
        { class: `para${isTarget ? ' target' : ''}`, 'data-anchor': `${p.section}/${p.paragraph}` },
        h('span', { class: 'pnum' }, `¶${p.paragraph}`),
        highlighted(p),
      );
      if (isTarget) target = el;
      out.push(el);
    }
    reader.replaceChildren(...out);
    if (target) (target as HTMLElement).scrollIntoView({ block: 'center' });
    else if (section) reader.querySelector(`#sec-${CSS.escape(section)}`)?.scrollIntoView();
  };

  return {
    async update(s: State, prev) {
      if (!prev || prev.sel !== s.sel) await showCitations(s.sel);
      if (!prev || prev.cite !== s.cite) await showReader(s.cite);
    },
  };
}
