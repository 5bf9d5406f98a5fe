// Vulnerabilities view: per capability, the exposure to the focus actor's nodes, the single points
// of failure and the smallest cut sets, plus per-node measures (e.g. REI) when the engine gives
// them; sortable tables, each row opening the path that explains it.
import type { StructureData, StructureRow } from '../../../src/server/contract.js';
import { api } from '../api.js';
import { h, num, pct, sortableTable } from '../dom.js';
import type { ViewContext, ViewHandle } from '../main.js';
import { go, type State } from '../state.js';

export async function vulnerabilitiesView(root: HTMLElement, ctx: ViewContext): Promise<ViewHandle> {
  const order = h(
    'select',
    { id: 'v-order', 'aria-label': 'Cut set order' },
    h('option', { value: 1 }, 'order 1'),
    h('option', { value: 2, selected: true }, 'up to order 2'),
    h('option', { value: 3 }, 'up to order 3'),
  );
  const head = h(
    'div',
    { class: 'toolbar' },
    h('label', {}, 'cut sets ', order),
    h('span', { class: 'muted small', id: 'v-info' }),
  );
  const tables = h('div', { class: 'two-col' });
  const explain = h('div', { class: 'explain', id: 'v-explain' });
  root.append(head, tables);
  let data: StructureData | null = null;
  let names = new Map<string, string>();
  const nm = (id: string) => names.get(id) ?? id;

  const showRow = (r: StructureRow) => {
    go({ sel: r.target }, true);
    explain.replaceChildren(
      h(
        'div',
        {},
        h('h3', {}, r.targetName),
        h('p', {}, `Exposure to ${data?.on ?? 'the focus actor'}: `, h('b', {}, pct(r.exposure))),
        r.spofs.length
          ? h(
              'div',
              {},
              h('h4', {}, 'Single points of failure — the path that explains each'),
              h(
                'ol',
                {},
                r.spofs.map((s) =>
                  h(
                    'li',
                    { 'data-spof': s.node },
                    s.path.flatMap((p, i) => [
                      i ? h('span', { class: 'arrow' }, ' ← ') : null,
                      h(
                        'a',
                        { href: '#', onclick: (e: Event) => (e.preventDefault(), go({ sel: p })) },
                        nm(p),
                      ),
                    ]),
                    ' ',
                    h(
                      'a',
                      { href: `#view=evidence&sel=${encodeURIComponent(s.node)}`, class: 'cite-link' },
                      '§',
                    ),
                  ),
                ),
              ),
            )
          : h('p', { class: 'muted' }, 'No single point of failure.'),
        r.cutSets.length
          ? h(
              'div',
              {},
              h('h4', {}, 'Minimal cut sets (all of a set must fail together)'),
              h(
                'ul',
                {},
                r.cutSets
                  .slice(0, 50)
                  .map((c) => h('li', {}, `order ${c.order}: `, c.nodes.map(nm).join(' + '))),
              ),
            )
          : null,
      ),
    );
  };

  const load = async (asOf?: string) => {
    if (!ctx.model.capabilities.structure) {
      tables.replaceChildren(
        h('p', { class: 'muted' }, 'The engine does not provide structural analysis on this server.'),
      );
      return;
    }
    data = await api.structure({ asOf, maxOrder: Number(order.value) });
    const g = await api.entities({ limit: 10000 });
    names = new Map(g.items.map((e) => [e.id, e.name]));
    document.getElementById('v-info')!.textContent =
      `${data.rows.length} capabilities${asOf ? ` as of ${asOf}` : ''}${data.on ? ` · exposure to ${data.on}` : ''}`;
    const capTable = sortableTable<StructureRow>(
      [
        { label: 'capability', value: (r) => r.targetName },
        { label: 'exposure', value: (r) => r.exposure, render: (r) => pct(r.exposure), numeric: true },
        { label: 'SPOFs', value: (r) => r.spofs.length, numeric: true },
        {
          label: 'single points of failure',
          value: (r) => r.spofs.map((x) => x.name).join(', ') || null,
          // The full list and each explaining path are in the side pane; the cell stays short.
          render: (r) =>
            r.spofs.length
              ? r.spofs
                  .slice(0, 3)
                  .map((x) => x.name)
                  .join('; ') + (r.spofs.length > 3 ? ` … +${r.spofs.length - 3}` : '')
              : '—',
        },
        {
          label: 'smallest cut set',
          value: (r) =>
            r.spofs.length ? 1 : r.cutSets.length ? Math.min(...r.cutSets.map((c) => c.order)) : null,
          numeric: true,
        },
        { label: 'REI', value: (r) => r.rei ?? null, render: (r) => num(r.rei ?? null, 2), numeric: true },
      ],
      data.rows,
      showRow,
      1,
    );
    capTable.id = 'v-capabilities';
    const nodeCols = [...new Set(data.nodes.flatMap((n) => Object.keys(n.measures)))];
    const nodeTable = data.nodes.length
      ? sortableTable(
          [
            { label: 'node', value: (n: StructureData['nodes'][number]) => n.name },
            ...nodeCols.map((k) => ({
              label: k,
              value: (n: StructureData['nodes'][number]) => n.measures[k] ?? null,
              render: (n: StructureData['nodes'][number]) => num(n.measures[k] ?? null, 2),
              numeric: true,
            })),
          ],
          data.nodes,
          (n) => go({ sel: n.id }),
          nodeCols.length ? 1 : 0,
        )
      : null;
    tables.replaceChildren(
      h(
        'div',
        { class: 'col-left wide' },
        h('h3', {}, 'Capabilities'),
        capTable,
        nodeTable ? h('h3', {}, 'Nodes') : null,
        nodeTable,
      ),
      h('div', { class: 'col-right' }, explain),
    );
    explain.replaceChildren(h('p', { class: 'muted' }, 'Select a row to see the path that explains it.'));
  };
  let lastDate: string | undefined = '∅';
  order.addEventListener('change', () => void load(lastDate === '∅' ? undefined : lastDate));
  return {
    async update(s: State) {
      if (s.date !== lastDate) {
        lastDate = s.date;
        await load(s.date);
      }
      const row = data?.rows.find((r) => r.target === s.sel);
      if (row) showRow(row);
    },
  };
}
