// Scenarios view: pick or edit a scenario, run it as a job (progress, cancel), and see capability
// levels over time with P5–P95 bands (Observable Plot); tick several runs to compare them side by side.
import * as Plot from '@observablehq/plot';
import type { RunData } from '../../../src/server/contract.js';
import { api, ApiFailure } from '../api.js';
import { h, num, pct, toast } from '../dom.js';
import type { ViewContext, ViewHandle } from '../main.js';
import { go, state, type State } from '../state.js';

export async function scenariosView(root: HTMLElement, ctx: ViewContext): Promise<ViewHandle> {
  const enabled = ctx.model.capabilities.simulate;
  const list = h('ul', { class: 'scenario-list', id: 's-list' });
  const editor = h('textarea', {
    id: 's-yaml',
    spellcheck: 'false',
    'aria-label': 'Scenario YAML',
    rows: 16,
  });
  const samples = h('input', { id: 's-samples', type: 'number', min: 1, max: 100000, value: 200 });
  const seed = h('input', { id: 's-seed', type: 'number', min: 0, value: 1 });
  const asOf = h('input', {
    id: 's-asof',
    type: 'text',
    placeholder: 'YYYY',
    size: 6,
    value: ctx.model.asOf ?? '',
  });
  const runBtn = h('button', { id: 's-run', class: 'primary', disabled: !enabled }, 'Run');
  const cancelBtn = h('button', { id: 's-cancel', hidden: true }, 'Cancel');
  const bar = h('progress', { id: 's-progress', max: 1, value: 0, hidden: true });
  const status = h('span', { id: 's-status', class: 'muted small' });
  const runsBox = h('ul', { class: 'runs', id: 's-runs' });
  const chart = h('div', { class: 'chart', id: 's-chart' });
  const table = h('div', { id: 's-table' });
  let edited = false;
  editor.addEventListener('input', () => (edited = true));

  root.append(
    h(
      'div',
      { class: 'two-col' },
      h(
        'div',
        { class: 'col-left' },
        h('h3', {}, 'Scenario library'),
        list,
        h('h3', {}, 'Scenario (editable)'),
        editor,
        h(
          'div',
          { class: 'row' },
          h('label', {}, 'samples ', samples),
          h('label', {}, 'seed ', seed),
          h('label', {}, 'as of ', asOf),
        ),
        h('div', { class: 'row' }, runBtn, cancelBtn, bar, status),
        enabled ? null : h('p', { class: 'muted' }, 'The engine does not provide simulation on this server.'),
        h('h3', {}, 'Runs (tick to compare)'),
        runsBox,
      ),
      h('div', { class: 'col-right' }, chart, table),
    ),
  );

  const scenarios = (await api.scenarios()).items;
  const pick = async (name: string) => {
    go({ scenario: name }, true);
  };
  list.replaceChildren(
    ...scenarios.map((sc) =>
      h(
        'li',
        {},
        h(
          'button',
          { class: 'link', 'data-scenario': sc.name, onclick: () => pick(sc.name) },
          sc.title ?? sc.name,
        ),
        sc.description ? h('div', { class: 'muted small' }, sc.description) : null,
      ),
    ),
    ...(scenarios.length ? [] : [h('li', { class: 'muted' }, 'This model has no scenarios/ folder.')]),
  );

  const refreshRuns = async () => {
    const runs = (await api.runs()).items;
    const shown = new Set(state().runs ?? []);
    runsBox.replaceChildren(
      ...runs.map((r) =>
        h(
          'li',
          {},
          h(
            'label',
            {},
            h('input', {
              type: 'checkbox',
              'data-run': r.id,
              checked: shown.has(r.id),
              onchange: (e: Event) => {
                const on = (e.target as HTMLInputElement).checked;
                const cur = (state().runs ?? []).filter((x) => x !== r.id);
                go({ runs: on ? [r.id, ...cur].slice(0, 3) : cur });
              },
            }),
            ` ${r.label}`,
          ),
          h('span', { class: 'muted small' }, ` ${r.createdAt.slice(0, 19).replace('T', ' ')}`),
        ),
      ),
      ...(runs.length ? [] : [h('li', { class: 'muted' }, 'No runs yet.')]),
    );
  };

  const drawRuns = async (ids: string[]) => {
    if (!ids.length) {
      chart.replaceChildren(h('p', { class: 'muted' }, 'Run a scenario, or tick runs to compare.'));
      table.replaceChildren();
      return;
    }
    const runs: RunData[] = await Promise.all(ids.map((id) => api.run(id)));
    // The capabilities hit hardest in any shown run, at most eight.
    const worst = new Map<string, number>();
    for (const r of runs)
      for (const s of r.result.series) worst.set(s.id, Math.max(worst.get(s.id) ?? 0, s.lost));
    // Only capabilities that lose anything (when some do), worst first.
    const hit = [...worst.entries()].filter(([, lost]) => lost > 0);
    const ids8 = (hit.length ? hit : [...worst.entries()])
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([id]) => id);
    const rows: { run: string; cap: string; t: number; p50: number; p5: number; p95: number }[] = [];
    for (const r of runs)
      for (const s of r.result.series)
        if (ids8.includes(s.id))
          s.t.forEach((t, i) =>
            rows.push({
              run: r.label,
              cap: s.name,
              t,
              p50: s.p50[i],
              p5: s.p5?.[i] ?? s.p50[i],
              p95: s.p95?.[i] ?? s.p50[i],
            }),
          );
    const width = Math.max(420, chart.clientWidth - 10);
    const plot = Plot.plot({
      width,
      height: 360,
      marginLeft: 44,
      y: { domain: [0, 1.02], label: 'capability level', grid: true, tickFormat: '.0%' },
      x: { label: 'days from onset' },
      fx: runs.length > 1 ? { label: null } : undefined,
      color: { legend: true },
      marks: [
        Plot.areaY(rows, {
          x: 't',
          y1: 'p5',
          y2: 'p95',
          fill: 'cap',
          fillOpacity: 0.15,
          fx: runs.length > 1 ? 'run' : undefined,
        }),
        Plot.lineY(rows, {
          x: 't',
          y: 'p50',
          stroke: 'cap',
          strokeWidth: 1.8,
          fx: runs.length > 1 ? 'run' : undefined,
        }),
        Plot.ruleY([0]),
      ],
    });
    chart.replaceChildren(
      h(
        'p',
        { class: 'muted small' },
        'Median level (line) with the P5–P95 band; ',
        runs.map((r) => `${r.label}`).join(' | '),
      ),
      plot,
    );
    table.replaceChildren(
      ...runs.map((r) =>
        h(
          'table',
          { class: 'grid compact' },
          h('caption', {}, r.label),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, 'capability'),
              h('th', { class: 'num' }, 'minimum'),
              h('th', { class: 'num' }, 'capability-days lost'),
              h('th', { class: 'num' }, 'days to recover'),
            ),
          ),
          h(
            'tbody',
            {},
            [...r.result.series]
              .sort((a, b) => b.lost - a.lost)
              .map((s) =>
                h(
                  'tr',
                  { tabindex: 0, onclick: () => go({ sel: s.id }) },
                  h('td', {}, s.name),
                  h('td', { class: 'num' }, pct(s.min)),
                  h('td', { class: 'num' }, num(s.lost)),
                  h('td', { class: 'num' }, s.recover === null ? 'not in horizon' : num(s.recover, 0)),
                ),
              ),
          ),
        ),
      ),
    );
  };

  let job: string | undefined;
  runBtn.addEventListener('click', async () => {
    const name = state().scenario;
    try {
      const body = edited || !name ? { yaml: editor.value, scenario: name } : { scenario: name };
      const j = await api.startJob({
        ...body,
        samples: Number(samples.value),
        seed: Number(seed.value),
        asOf: asOf.value || undefined,
      });
      job = j.id;
      runBtn.disabled = true;
      cancelBtn.hidden = false;
      bar.hidden = false;
      status.textContent = 'queued';
      for (;;) {
        await new Promise((r) => setTimeout(r, 250));
        const st = await api.job(j.id);
        bar.value = st.progress;
        status.textContent = `${st.state} ${Math.round(st.progress * 100)}%`;
        if (st.state === 'done') {
          await refreshRuns();
          go({ runs: [st.run!, ...(state().runs ?? [])].slice(0, 3) });
          break;
        }
        if (st.state === 'failed' || st.state === 'cancelled') {
          if (st.error) toast(st.error.message);
          status.textContent = st.error ? `failed: ${st.error.message}` : st.state;
          break;
        }
      }
    } catch (e) {
      toast(e instanceof ApiFailure ? e.message : String(e));
      status.textContent = e instanceof Error ? e.message : String(e);
    } finally {
      job = undefined;
      runBtn.disabled = !enabled;
      cancelBtn.hidden = true;
      bar.hidden = true;
    }
  });
  cancelBtn.addEventListener('click', async () => {
    if (job) await api.cancelJob(job);
  });

  await refreshRuns();
  let lastScenario: string | undefined;
  return {
    async update(s: State, prev) {
      if (s.scenario && s.scenario !== lastScenario) {
        lastScenario = s.scenario;
        try {
          editor.value = (await api.scenario(s.scenario)).yaml;
          edited = false;
        } catch (e) {
          toast((e as Error).message);
        }
      }
      for (const b of list.querySelectorAll<HTMLElement>('[data-scenario]'))
        b.classList.toggle('active', b.dataset.scenario === s.scenario);
      if (!prev || (prev.runs ?? []).join() !== (s.runs ?? []).join()) {
        await refreshRuns();
        await drawRuns(s.runs ?? []);
      }
    },
  };
}
