// Turns the computed results (engine/analyze, the sensitivity tornadoes and the level bands) and
// the model into a plain report document. Every sentence here is templated over the numbers, so a
// report can disagree with the sources the model was built from; nothing is written to match them.
import type { Model, Quantity } from '../model/types.js';
import { costText, type AnalysisResult, type CitedStep } from '../engine/analyze.js';
import type { ReportData } from './report-data.js';
import type {
  Block,
  CiteRef,
  DependencyEdge,
  DependencyNode,
  Estimate,
  Figure,
  Finding,
  ReportDocument,
  Section,
} from './report-document.js';
import { band, citeText, fmt, pct, quantityRange, quantityValue, uniqueCites } from './format-values.js';

export interface BuildReportOptions {
  /** Date of the run shown in the report (YYYY-MM-DD); injectable so reports are reproducible. */
  date?: string;
  /** Items per list (findings, rows of long tables). */
  top?: number;
  /** Capabilities shown in the dependency picture. */
  graphCapabilities?: number;
}

const DEFAULTS = { top: 5, graphCapabilities: 8 };

type Impact = AnalysisResult['scenarios'][number]['impacts'][number];
const lostOf = (r: Impact) => r.mc?.daysLost.p['50'] ?? r.nominal.daysLost ?? 0;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const nameList = (xs: string[]) =>
  xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;

/** "A needs x from B; B needs y from C". */
export function pathText(steps: CitedStep[]): string {
  return steps.map((s) => `${s.nodeName} needs ${s.input || 'an input'} from ${s.providerName}`).join('; ');
}

const stepCites = (paths: CitedStep[][]): CiteRef[] => uniqueCites(paths.flat().flatMap((s) => s.cite));
const citesText = (c: CiteRef[]) => (c.length ? c.map(citeText).join('; ') : '–');

/** Human reading of a Monte Carlo input label (`dep/provider.share`, `dep.buffer`, `scenario/shock.duration`). */
export function inputText(label: string, model: Model): string {
  const dot = label.lastIndexOf('.');
  const head = label.slice(0, dot);
  const field = label.slice(dot + 1).replace(/_/g, ' ');
  const [a, b] = head.split('/');
  const dep = model.dependencies.find((d) => d.id === a);
  const ent = (id: string) => model.entities.find((e) => e.id === id)?.name ?? id;
  if (dep && b) return `${field} of ${ent(b)} for ${ent(dep.node)} (${dep.input})`;
  if (dep) return `${field} of ${ent(dep.node)}'s need for ${dep.input}`;
  if (b) return `${field} of shock "${b}" (scenario ${a})`;
  return `${field} (scenario ${a})`;
}

function estimateOf(
  label: string,
  unit: string,
  nominal: number | null,
  p?: Record<string, number | null> | null,
): Estimate {
  return { label, unit, nominal, ...(p ? { p } : {}) };
}

function findingsOf(data: ReportData, model: Model, top: number): Finding[] {
  const r = data.analysis;
  const ps = r.percentiles;
  const out: Finding[] = [];
  const who = r.focus.actorCountry ? `${r.focus.actorCountry} ` : '';
  const onC = r.focus.onCountry;
  if (onC && r.exposure.length) {
    const exposed = r.exposure.filter((e) => e.exposure > 1e-9);
    const shown = exposed.slice(0, top);
    out.push({
      id: 'exposure',
      text: `${exposed.length} of ${r.exposure.length} ${who}capabilities rest in part on ${onC} nodes${
        shown.length
          ? `; the most exposed: ${nameList(shown.map((e) => `${e.name} (${pct(e.exposure)}${e.contributors[0] ? `, mostly via ${e.contributors[0].name}` : ''})`))}`
          : ''
      }. Exposure is structural: shares at their nominal values, not sampled.`,
      numbers: shown.map((e) => estimateOf(`exposure of ${e.name}`, 'share', e.exposure)),
      cite: stepCites(shown.map((e) => e.path)),
    });
  }
  for (const s of r.singlePoints.slice(0, top))
    out.push({
      id: `spof-${s.node}`,
      text: `Losing ${s.name}${s.country ? ` (${s.country})` : ''} alone stops ${plural(s.stops.length, 'capability', 'capabilities')}: ${nameList(s.stops.slice(0, top).map((x) => x.name))}${s.stops.length > top ? ', …' : ''}.`,
      numbers: [estimateOf('capabilities stopped', 'count', s.stops.length)],
      cite: stepCites(s.stops.map((x) => x.path)),
    });
  if (!r.singlePoints.length && r.cutSets.length)
    out.push({
      id: 'no-spof',
      text: `No single node stops any ${who}capability on its own (cut sets searched up to order ${r.maxOrder}).`,
      numbers: [],
      cite: [],
    });
  const multi = r.cutSets.filter((c) => c.smallest !== null && c.smallest > 1);
  if (multi.length) {
    const c = multi[0];
    out.push({
      id: 'cut-sets',
      text: `${plural(multi.length, 'capability has', 'capabilities have')} no single point of failure but fail when ${c.smallest} nodes are lost together, e.g. ${c.name}: ${nameList(c.sets[0]?.names ?? [])}.`,
      numbers: [estimateOf('smallest cut set order', 'count', c.smallest)],
      cite: stepCites((c.sets[0]?.paths ?? []).map((p) => p.steps)),
    });
  }
  const unbroken = r.cutSets.filter((c) => c.smallest === null).length;
  if (unbroken)
    out.push({
      id: 'robust',
      text: `${plural(unbroken, 'capability withstands', 'capabilities withstand')} the loss of any ${r.maxOrder} nodes.`,
      numbers: [estimateOf('capabilities without a cut set', 'count', unbroken)],
      cite: [],
    });
  if (r.baselineShortfalls.length)
    out.push({
      id: 'baseline',
      text: `With no shock, ${plural(r.baselineShortfalls.length, 'capability runs', 'capabilities run')} below full level because the model leaves inputs under-covered: ${nameList(r.baselineShortfalls.slice(0, top).map((b) => `${b.name} (${fmt(b.level, 2)})`))}.`,
      numbers: r.baselineShortfalls
        .slice(0, top)
        .map((b) => estimateOf(`baseline level of ${b.name}`, 'level', b.level)),
      cite: [],
    });
  for (const s of r.scenarios) {
    if (r.mitigations.some((m) => m.scenario === s.id)) continue;
    const worst = s.impacts[0];
    const hit = s.impacts.filter((x) => lostOf(x) > 1e-9);
    if (!worst || !hit.length) {
      out.push({
        id: `scenario-${s.id}`,
        text: `Scenario "${s.title}": no capability falls below its baseline within ${fmt(s.horizon, 0)} days.`,
        numbers: [],
        cite: uniqueCites(s.cite),
      });
      continue;
    }
    const m = worst.mc;
    const ttr = m ? m.timeToRecover.p['50'] : worst.nominal.timeToRecover;
    out.push({
      id: `scenario-${s.id}`,
      text: `Scenario "${s.title}": ${plural(hit.length, 'capability loses', 'capabilities lose')} level; the worst hit is ${worst.name}, with ${band(m?.daysLost.p, ps, worst.nominal.daysLost)} capability-days lost over ${fmt(s.horizon, 0)} days, a lowest level of ${band(m?.min.p, ps, worst.nominal.min, (x) => fmt(x, 2))}, and ${ttr === null || ttr === undefined ? 'no recovery within the horizon (P50)' : `recovery after ${fmt(ttr)} days (P50)`}${worst.hitRate !== undefined ? `; it is hit in ${pct(worst.hitRate)} of samples` : ''}.`,
      numbers: [
        estimateOf(
          `capability-days lost, ${worst.name}`,
          'capability-days',
          worst.nominal.daysLost,
          m?.daysLost.p,
        ),
        estimateOf(`lowest level, ${worst.name}`, 'level', worst.nominal.min, m?.min.p),
        estimateOf(`days to recover, ${worst.name}`, 'days', worst.nominal.timeToRecover, m?.timeToRecover.p),
      ],
      cite: uniqueCites(s.cite),
    });
  }
  for (const m of r.mitigations) {
    const s = r.scenarios.find((x) => x.id === m.scenario);
    out.push({
      id: `mitigation-${m.scenario}`,
      text: `Mitigation "${m.title}" saves ${band(m.saved.p, ps, m.saved.nominal)} capability-days against "${m.against}"${m.cost ? ` at a cost of ${costText(m.cost)}${m.cost.estimate ? ' (estimate)' : ''}` : ''}${m.leadTime ? `, taking ${fmt(m.leadTime.nominal, 0)} days to put in place${m.leadTime.estimate ? ' (estimate)' : ''}` : ''}.`,
      numbers: [estimateOf('capability-days saved', 'capability-days', m.saved.nominal, m.saved.p)],
      cite: uniqueCites([...(s?.cite ?? []), ...(m.cost?.cite ?? []), ...(m.leadTime?.cite ?? [])]),
    });
  }
  for (const t of data.sensitivity) {
    const row = t.rows[0];
    if (!row || !(row.swing > 1e-9)) continue;
    const s = r.scenarios.find((x) => x.id === t.scenario);
    const name = s?.impacts.find((x) => x.id === t.output)?.name ?? t.output;
    out.push({
      id: `sensitivity-${t.scenario}`,
      text: `Under "${s?.title ?? t.scenario}", the uncertain input that moves ${name}'s loss most is the ${inputText(row.input, model)}: from ${fmt(row.low)} to ${fmt(row.high)} capability-days across its range (rank correlation ${fmt(row.rho, 2)}).`,
      numbers: [
        estimateOf('loss with the input at the low end of its range', 'capability-days', row.low),
        estimateOf('loss with the input at the high end of its range', 'capability-days', row.high),
        estimateOf('Spearman rho', 'rho', row.rho),
      ],
      cite: inputCites(row.input, model, r),
    });
  }
  return out;
}

/** Citations behind an input: the quantity's own, else its provider's or dependency's, else the scenario's. */
function inputCites(label: string, model: Model, r: AnalysisResult): CiteRef[] {
  const q = quantityOf(label, model);
  if (q?.cite.length) return uniqueCites(q.cite);
  const [a, b] = label.slice(0, label.lastIndexOf('.')).split('/');
  const dep = model.dependencies.find((d) => d.id === a);
  if (dep) {
    const p = b ? dep.providers.find((x) => x.provider === b) : undefined;
    return uniqueCites(p?.cite.length ? p.cite : dep.cite);
  }
  return uniqueCites(r.scenarios.find((s) => s.id === a)?.cite ?? []);
}

/** The model quantity behind an input label, when it is one (not a scenario's). */
function quantityOf(label: string, model: Model): Quantity | undefined {
  const dot = label.lastIndexOf('.');
  const [a, b] = label.slice(0, dot).split('/');
  const field = label.slice(dot + 1);
  const dep = model.dependencies.find((d) => d.id === a);
  if (!dep) return undefined;
  if (!b) return field === 'criticality' ? dep.criticality : field === 'buffer' ? dep.buffer : undefined;
  const p = dep.providers.find((x) => x.provider === b);
  if (!p) return undefined;
  return { share: p.share, quality: p.quality, cost: p.cost, lead_time: p.leadTime }[field];
}

function dependencyGraph(
  r: AnalysisResult,
  model: Model,
  max: number,
): Figure & { kind: 'dependency-graph' } {
  const country = new Map(model.entities.map((e) => [e.id, e.country ?? null]));
  const kind = new Map(model.entities.map((e) => [e.id, e.kind]));
  const spofStops = new Map<string, number>();
  for (const s of r.singlePoints)
    for (const x of s.stops) spofStops.set(x.target, (spofStops.get(x.target) ?? 0) + 1);
  const exposure = new Map(r.exposure.map((e) => [e.id, e.exposure]));
  const cuts = new Map(r.cutSets.map((c) => [c.target, c]));
  const caps = [
    ...new Set([
      ...spofStops.keys(),
      ...r.exposure.filter((e) => e.exposure > 1e-9).map((e) => e.id),
      ...r.cutSets.filter((c) => c.smallest !== null).map((c) => c.target),
    ]),
  ]
    .sort(
      (a, b) =>
        (spofStops.get(b) ?? 0) - (spofStops.get(a) ?? 0) ||
        (exposure.get(b) ?? 0) - (exposure.get(a) ?? 0) ||
        (cuts.get(a)?.smallest ?? 9) - (cuts.get(b)?.smallest ?? 9) ||
        a.localeCompare(b),
    )
    .slice(0, max);
  const names = new Map<string, string>();
  const edges = new Map<string, DependencyEdge>();
  const addPath = (steps: CitedStep[]) => {
    for (const s of steps) {
      names.set(s.node, s.nodeName);
      names.set(s.provider, s.providerName);
      const k = `${s.provider}>${s.node}`;
      if (!edges.has(k)) edges.set(k, { from: s.provider, to: s.node, input: s.input });
    }
  };
  const spof = new Set<string>();
  const cut = new Set<string>();
  for (const c of caps) {
    names.set(c, r.exposure.find((e) => e.id === c)?.name ?? cuts.get(c)?.name ?? c);
    for (const s of r.singlePoints)
      for (const x of s.stops)
        if (x.target === c) {
          spof.add(s.node);
          names.set(s.node, s.name);
          addPath(x.path);
        }
    const cs = cuts.get(c);
    if (cs && cs.smallest !== null && cs.smallest > 1)
      for (const set of cs.sets.slice(0, 2)) {
        set.nodes.forEach((n, k) => {
          cut.add(n);
          names.set(n, set.names[k]);
        });
        for (const p of set.paths) addPath(p.steps);
      }
    const ex = r.exposure.find((e) => e.id === c);
    if (ex) addPath(ex.path);
  }
  const capSet = new Set(caps);
  const nodes: DependencyNode[] = [...names].map(([id, name]) => ({
    id,
    name,
    kind: kind.get(id) ?? 'unknown',
    country: country.get(id) ?? null,
    role: capSet.has(id) ? 'capability' : spof.has(id) ? 'spof' : cut.has(id) ? 'cut' : 'path',
    exposed: r.focus.onCountry !== null && country.get(id) === r.focus.onCountry,
  }));
  nodes.sort((a, b) => a.id.localeCompare(b.id));
  const edgeList = [...edges.values()].sort(
    (a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to),
  );
  return { kind: 'dependency-graph', nodes, edges: edgeList, exposedCountry: r.focus.onCountry };
}

interface EstimateRow {
  what: string;
  quantity: string;
  value: string;
  range: string;
  note: string;
  cite: CiteRef[];
}

/** Analyst estimates on the paths that matter: path nodes, their dependencies, and tornado inputs. */
function estimatesOf(data: ReportData, model: Model): EstimateRow[] {
  const r = data.analysis;
  const deps = new Set<string>();
  const nodes = new Set<string>();
  const steps: CitedStep[] = [
    ...r.exposure.flatMap((e) => e.path),
    ...r.singlePoints.flatMap((s) => s.stops.flatMap((x) => x.path)),
    ...r.cutSets.flatMap((c) => c.sets.flatMap((s) => s.paths.flatMap((p) => p.steps))),
  ];
  for (const s of steps) {
    deps.add(s.dependency);
    nodes.add(s.node);
    nodes.add(s.provider);
  }
  for (const t of data.sensitivity)
    for (const row of t.rows.slice(0, 10)) deps.add(row.input.split(/[/.]/)[0]);
  const ent = (id: string) => model.entities.find((e) => e.id === id)?.name ?? id;
  const rows: EstimateRow[] = [];
  for (const e of model.entities)
    if (nodes.has(e.id) && e.estimate)
      rows.push({
        what: e.name,
        quantity: `${e.kind} (the node itself)`,
        value: '–',
        range: '–',
        note: e.note ?? '',
        cite: uniqueCites(e.cite),
      });
  const q = (what: string, label: string, x: Quantity, parent: { note?: string; cite: CiteRef[] }) => {
    if (!x.at || !x.estimate) return;
    rows.push({
      what,
      quantity: label,
      value: quantityValue(x, x.nominal),
      range: quantityRange(x),
      note: x.note ?? parent.note ?? '',
      cite: uniqueCites(x.cite.length ? x.cite : parent.cite),
    });
  };
  for (const d of model.dependencies) {
    if (!deps.has(d.id)) continue;
    const what = `${ent(d.node)}: ${d.input}`;
    if (d.estimate && !d.criticality.at && !d.buffer.at)
      rows.push({
        what,
        quantity: 'dependency (the link itself)',
        value: '–',
        range: '–',
        note: d.note ?? '',
        cite: uniqueCites(d.cite),
      });
    q(what, 'criticality', d.criticality, d);
    q(what, 'buffer', d.buffer, d);
    for (const p of d.providers) {
      const w = `${what} ← ${ent(p.provider)}`;
      const pe = { ...(p.note ? { note: p.note } : {}), cite: p.cite.length ? p.cite : d.cite };
      if (p.estimate && ![p.share, p.quality, p.leadTime, p.cost].some((x) => x.at))
        rows.push({
          what: w,
          quantity: 'provider (the link itself)',
          value: '–',
          range: '–',
          note: p.note ?? '',
          cite: uniqueCites(p.cite),
        });
      q(w, 'share', p.share, pe);
      q(w, 'quality', p.quality, pe);
      q(w, 'lead time', p.leadTime, pe);
      q(w, 'cost factor', p.cost, pe);
      if (p.capacity) q(w, 'capacity', p.capacity, pe);
    }
  }
  return rows;
}

function scenarioSection(data: ReportData, top: number): Section {
  const r = data.analysis;
  const ps = r.percentiles;
  const blocks: Block[] = [];
  if (!r.scenarios.length)
    blocks.push({ type: 'paragraph', text: 'No scenario was run (name one with --scenario).' });
  else
    blocks.push({
      type: 'paragraph',
      text: `Each scenario is simulated day by day over its horizon. Figures give the P50 with the P${ps[0] ?? 5}–P${ps[ps.length - 1] ?? 95} range over ${r.samples} Monte Carlo samples${r.samples ? '' : ' (none: nominal values only)'}; capability-days lost are the area between a capability's baseline level and its level over the horizon.`,
    });
  for (const s of r.scenarios) {
    const mit = r.mitigations.find((m) => m.scenario === s.id);
    blocks.push({
      type: 'paragraph',
      text: `**${s.title}** (${s.id}${mit ? `, a mitigation of "${mit.against}"` : ''}). ${s.description ? `${s.description.trim()} ` : ''}Horizon ${fmt(s.horizon, 0)} days, step ${fmt(s.step)}${s.asOf ? `, as of ${s.asOf}` : ''}. ${s.cite.length ? `Sources: ${citesText(uniqueCites(s.cite))}.` : 'No sources cited for the scenario itself.'}${s.emptyShocks.length ? ` Shocks matching nothing at this date: ${s.emptyShocks.join(', ')}.` : ''}`,
    });
    const bands = data.bands.scenarios.find((b) => b.id === s.id);
    if (bands?.bands.length)
      blocks.push({
        type: 'figure',
        id: `curves-${s.id}`,
        caption: `Level over time under "${s.title}": P50 line and P${data.bands.percentiles[0]}–P${data.bands.percentiles[2]} band over ${data.bands.samples || 'the nominal'} ${data.bands.samples ? 'samples' : 'run'}, for the ${plural(bands.bands.length, 'capability', 'capabilities')} hit hardest.`,
        figure: {
          kind: 'level-curves',
          scenario: s.id,
          horizon: bands.horizon,
          band: data.bands.percentiles,
          samples: data.bands.samples,
          series: bands.bands.map((b) => ({
            id: b.id,
            name: b.name,
            t: b.t,
            low: b.low,
            mid: b.mid,
            high: b.high,
          })),
        },
      });
    const hit = s.impacts.filter((x) => lostOf(x) > 1e-9);
    if (!hit.length) {
      blocks.push({
        type: 'paragraph',
        text: `No capability falls below its baseline within ${fmt(s.horizon, 0)} days.`,
      });
      continue;
    }
    const shown = hit.slice(0, Math.max(top * 2, 10));
    blocks.push({
      type: 'table',
      caption: `Impact of "${s.title}" (P50 and P${ps[0] ?? 5}–P${ps[ps.length - 1] ?? 95}; "never": not recovered within the horizon)`,
      columns: ['capability', 'hit in', 'capability-days lost', 'lowest level', 'days to recover'],
      align: ['l', 'r', 'r', 'r', 'r'],
      rows: shown.map((x) => [
        x.name,
        x.hitRate === undefined ? '–' : pct(x.hitRate),
        band(x.mc?.daysLost.p, ps, x.nominal.daysLost),
        band(x.mc?.min.p, ps, x.nominal.min, (v) => fmt(v, 2)),
        band(x.mc?.timeToRecover.p, ps, x.nominal.timeToRecover),
      ]),
    });
    if (hit.length > shown.length)
      blocks.push({
        type: 'paragraph',
        text: `${hit.length - shown.length} more capabilities lose level (see the JSON of tyl analyze).`,
      });
  }
  if (r.mitigations.length)
    blocks.push({
      type: 'table',
      caption: 'Mitigations: capability-days saved against the scenario each mitigates (paired samples)',
      columns: ['mitigation', 'against', 'saved', 'cost', 'lead time', 'saved per unit of cost'],
      align: ['l', 'l', 'r', 'r', 'r', 'r'],
      rows: r.mitigations.map((m) => [
        m.title,
        m.against,
        band(m.saved.p, ps, m.saved.nominal),
        m.cost ? `${costText(m.cost)}${m.cost.estimate ? ' (estimate)' : ''}` : '–',
        m.leadTime ? `${fmt(m.leadTime.nominal, 0)} days${m.leadTime.estimate ? ' (estimate)' : ''}` : '–',
        m.savedPerCost === null || !m.cost
          ? '–'
          : `${fmt(m.savedPerCost, 2)} per ${m.cost.givenUnit ?? m.cost.unit ?? 'unit'}`,
      ]),
    });
  return { id: 'scenarios', title: 'Scenarios', blocks };
}

function sensitivitySection(data: ReportData, model: Model, top: number): Section {
  const blocks: Block[] = [];
  if (!data.sensitivity.length)
    blocks.push({
      type: 'paragraph',
      text: data.analysis.samples
        ? 'No threat scenario hits a capability, so there is no output whose spread to explain.'
        : 'Sensitivity needs Monte Carlo samples (run with --samples above 0).',
    });
  for (const t of data.sensitivity) {
    const s = data.analysis.scenarios.find((x) => x.id === t.scenario);
    const name = s?.impacts.find((x) => x.id === t.output)?.name ?? t.output;
    const rows = t.rows.filter((x) => Number.isFinite(x.swing)).slice(0, Math.max(top * 2, 10));
    blocks.push({
      type: 'paragraph',
      text: `**${name} under "${s?.title ?? t.scenario}"**: capability-days lost is ${fmt(t.nominal)} with every input at its nominal value. Each bar sets one uncertain input to the low and the high end of its range, all others nominal (one-at-a-time swing); ρ is Spearman's rank correlation of the input with the output over ${t.samples} samples (seed ${t.seed}).`,
    });
    const bars = rows.filter((x) => x.swing > 1e-9).slice(0, 10);
    if (bars.length)
      blocks.push({
        type: 'figure',
        id: `tornado-${t.scenario}`,
        caption: `Tornado: capability-days lost of ${name} under "${s?.title ?? t.scenario}", for the ${plural(bars.length, 'input', 'inputs')} that move it (the table lists all).`,
        figure: {
          kind: 'tornado',
          output: name,
          metric: t.metric,
          unit: 'capability-days',
          nominal: t.nominal,
          rows: bars.map((x) => ({ label: inputText(x.input, model), low: x.low, high: x.high })),
        },
      });
    blocks.push({
      type: 'table',
      caption: `Sensitivity of ${name}'s capability-days lost (${t.scenario})`,
      columns: ['uncertain input', 'range', 'output at low', 'output at high', 'swing', 'ρ'],
      align: ['l', 'r', 'r', 'r', 'r', 'r'],
      rows: rows.map((x) => {
        const q = quantityOf(x.input, model);
        return [
          `${inputText(x.input, model)}${q?.estimate ? ' (estimate)' : ''}`,
          q
            ? `${quantityValue(q, x.bounds[0])} – ${quantityValue(q, x.bounds[1])}`
            : `${fmt(x.bounds[0], 2)} – ${fmt(x.bounds[1], 2)}`,
          fmt(x.low),
          fmt(x.high),
          fmt(x.swing),
          fmt(x.rho, 2),
        ];
      }),
    });
  }
  return { id: 'sensitivity', title: 'Sensitivity', blocks };
}

function structureSections(r: AnalysisResult, top: number): Section[] {
  const exp: Block[] = [];
  const exposed = r.exposure.filter((e) => e.exposure > 1e-9);
  if (!r.focus.onCountry)
    exp.push({
      type: 'paragraph',
      text: 'The model names no country to measure exposure on (meta.focus.on).',
    });
  else {
    exp.push({
      type: 'paragraph',
      text: `Share of each ${r.focus.actorCountry ? `${r.focus.actorCountry} ` : ''}capability's requirement that rests, directly or through other nodes, on ${r.focus.onCountry} nodes (docs/methods.md, "Structure"). ${exposed.length} of ${r.exposure.length} capabilities are exposed.`,
    });
    if (exposed.length) {
      exp.push({
        type: 'figure',
        id: 'exposure-bars',
        caption: `Exposure of ${r.focus.actorCountry ?? 'the'} capabilities to ${r.focus.onCountry} nodes.`,
        figure: {
          kind: 'bars',
          unit: 'share',
          rows: exposed.slice(0, 15).map((e) => ({ label: e.name, value: e.exposure })),
        },
      });
      exp.push({
        type: 'table',
        caption: `Exposure to ${r.focus.onCountry}`,
        columns: ['capability', 'exposure', 'direct', 'main contributors', 'heaviest path', 'sources'],
        align: ['l', 'r', 'r', 'l', 'l', 'l'],
        rows: exposed.map((e) => [
          e.name,
          pct(e.exposure),
          pct(e.direct),
          e.contributors
            .slice(0, 3)
            .map((c) => `${c.name} ${pct(c.share)}`)
            .join(', ') || '–',
          e.path.length ? `${pathText(e.path)} (${pct(e.pathShare)})` : '–',
          citesText(stepCites([e.path])),
        ]),
      });
    }
  }
  const vul: Block[] = [
    {
      type: 'paragraph',
      text: `A cut set is a smallest set of nodes whose joint loss makes a capability fail under the AND/OR semantics of requirements and alternatives; order 1 means a single point of failure. Searched up to order ${r.maxOrder}.`,
    },
  ];
  if (r.singlePoints.length)
    vul.push({
      type: 'table',
      caption: 'Single points of failure, with the chain of failures that explains each',
      columns: ['node', 'country', 'stops', 'capability', 'why', 'sources'],
      align: ['l', 'l', 'r', 'l', 'l', 'l'],
      rows: r.singlePoints.flatMap((s) =>
        s.stops
          .slice(0, top)
          .map((x, k) => [
            k ? '' : s.name,
            k ? '' : (s.country ?? '–'),
            k ? '' : String(s.stops.length),
            x.name,
            pathText(x.path) || `${x.name} is itself the lost node`,
            citesText(stepCites([x.path])),
          ]),
      ),
    });
  else vul.push({ type: 'paragraph', text: 'No single node stops any analysed capability on its own.' });
  const withSets = r.cutSets.filter((c) => c.smallest !== null && c.smallest > 1);
  if (withSets.length)
    vul.push({
      type: 'table',
      caption: 'Smallest cut sets of the capabilities without a single point of failure',
      columns: ['capability', 'order', 'lose together', 'why', 'sources'],
      align: ['l', 'r', 'l', 'l', 'l'],
      rows: withSets.flatMap((c) =>
        c.sets
          .slice(0, 3)
          .map((s, k) => [
            k ? '' : c.name,
            k ? '' : String(c.smallest),
            s.names.join(' + '),
            s.paths.map((p) => pathText(p.steps)).join(' | '),
            citesText(stepCites(s.paths.map((p) => p.steps))),
          ]),
      ),
    });
  const none = r.cutSets.filter((c) => c.smallest === null);
  if (none.length)
    vul.push({
      type: 'paragraph',
      text: `Withstanding the loss of any ${r.maxOrder} nodes: ${none.map((c) => c.name).join(', ')}.`,
    });
  return [
    { id: 'exposure', title: 'Exposure', blocks: exp },
    { id: 'vulnerabilities', title: 'Single points of failure and cut sets', blocks: vul },
  ];
}

function sourcesSection(model: Model, cited: Map<string, number>): Section {
  const items = model.sources.map((s) => {
    const author = Array.isArray(s.author) ? s.author.join(', ') : s.author;
    const parts = [author, `*${s.title}*`, s.publisher, s.date, s.url].filter(Boolean);
    const n = cited.get(s.id) ?? 0;
    return `[${s.id}] ${parts.join(', ')}. Cited ${plural(n, 'time', 'times')} in this report.`;
  });
  return {
    id: 'sources',
    title: 'Sources',
    blocks: items.length
      ? [{ type: 'list', items }]
      : [{ type: 'paragraph', text: 'The model lists no sources.' }],
  };
}

/** Counts citations per source over every block of the document. */
function countCitations(sections: Section[]): Map<string, number> {
  const out = new Map<string, number>();
  const add = (src: string) => out.set(src, (out.get(src) ?? 0) + 1);
  const re = /([a-z0-9][a-z0-9_-]*) §[^\s;]+ ¶/gi;
  const scan = (text: string) => {
    for (const m of text.matchAll(re)) add(m[1]);
  };
  for (const s of sections)
    for (const b of s.blocks) {
      if (b.type === 'findings') for (const f of b.findings) for (const c of f.cite) add(c.source);
      else if (b.type === 'table') b.rows.forEach((row) => row.forEach(scan));
      else if (b.type === 'paragraph') scan(b.text);
      else if (b.type === 'list') b.items.forEach(scan);
    }
  return out;
}

/**
 * Builds the report document of an analysis: run parameters, key findings with their numbers,
 * uncertainty and citations, the dependency picture, exposure, single points of failure and cut
 * sets, scenarios with level curves, sensitivity, the analyst's estimates, and the sources.
 *
 * @example
 * const doc = buildReport(await reportData(model, scenarios, { samples: 500 }), model, { date: '2026-11-25' });
 * renderMarkdown(doc);
 */
export function buildReport(
  data: ReportData,
  model: Model,
  options: BuildReportOptions = {},
): ReportDocument {
  const { top, graphCapabilities, date } = { ...DEFAULTS, ...options };
  const r = data.analysis;
  const parameters = [
    { label: 'Model', value: `${r.model.title} (${r.model.id})` },
    { label: 'Version', value: r.model.version ?? 'unversioned' },
    { label: 'As of', value: r.model.asOf ?? 'all dates' },
    {
      label: 'Focus',
      value: `${r.focus.actor ?? '–'} (${r.focus.actorCountry ?? '–'}) on ${r.focus.on ?? '–'} (${r.focus.onCountry ?? '–'})`,
    },
    { label: 'Scenarios', value: r.scenarios.map((s) => s.id).join(', ') || 'none' },
    { label: 'Samples', value: String(r.samples) },
    { label: 'Seed', value: String(r.seed) },
    {
      label: 'Percentiles',
      value: r.percentiles.length ? r.percentiles.map((p) => `P${p}`).join(' / ') : '–',
    },
    { label: 'Cut sets up to order', value: String(r.maxOrder) },
    {
      label: 'Graph',
      value: `${r.counts.nodes} nodes, ${r.counts.requirements} requirements, ${r.counts.providers} provider links, ${r.counts.capabilities} capabilities analysed`,
    },
    { label: 'Run date', value: date ?? 'not recorded' },
  ];
  const entityName = (id: string | null) =>
    id ? (model.entities.find((e) => e.id === id)?.name ?? id) : null;
  const actorName = entityName(r.focus.actor);
  const onName = entityName(r.focus.on);
  const graph = dependencyGraph(r, model, graphCapabilities);
  const estimates = estimatesOf(data, model);
  const sections: Section[] = [
    {
      id: 'findings',
      title: 'Key findings',
      blocks: [
        {
          type: 'paragraph',
          text: 'Computed from the model and the scenarios; each finding gives its numbers (P50 with the P5–P95 range where sampled) and the passages of the sources it rests on.',
        },
        { type: 'findings', findings: findingsOf(data, model, top) },
      ],
    },
    {
      id: 'dependency-picture',
      title: 'Dependency picture',
      blocks: graph.nodes.length
        ? [
            {
              type: 'figure',
              id: 'dependency-graph',
              caption: `The graph around the vulnerabilities: the ${plural(graph.nodes.filter((n) => n.role === 'capability').length, 'capability', 'capabilities')} most at risk (left), the chains of providers that explain their single points of failure, smallest cut sets and heaviest exposure paths; an arrow runs from a provider to what depends on it.`,
              figure: graph,
            },
          ]
        : [
            {
              type: 'paragraph',
              text: 'No capability has a single point of failure, a small cut set or exposure to draw.',
            },
          ],
    },
    ...structureSections(r, top),
    scenarioSection(data, top),
    sensitivitySection(data, model, top),
    {
      id: 'estimates',
      title: 'Assumptions and estimates',
      blocks: [
        {
          type: 'paragraph',
          text: `The results rest on ${plural(estimates.length, "analyst's estimate", "analyst's estimates")} on the paths that matter (the explaining paths above and the inputs of the tornadoes). These values are estimates: no cited source states them; the range is what the Monte Carlo samples. Scenario timings and severities are assumptions of each scenario file.`,
        },
        ...(estimates.length
          ? [
              {
                type: 'table' as const,
                caption: 'Estimates (not stated by a source)',
                columns: ['element', 'quantity', 'estimate', 'range', "analyst's note", 'sources'],
                align: ['l', 'l', 'r', 'l', 'l', 'l'] as ('l' | 'r')[],
                rows: estimates.map((e) => [
                  e.what,
                  e.quantity,
                  e.value === '–' ? 'estimate' : `${e.value} (estimate)`,
                  e.range,
                  e.note || '–',
                  citesText(e.cite),
                ]),
              },
            ]
          : []),
      ],
    },
  ];
  sections.push(sourcesSection(model, countCitations(sections)));
  return {
    title: `Dependency report: ${r.model.title}`,
    subtitle: `${actorName ? `What ${actorName}'s capabilities rest on` : 'What the capabilities rest on'}${onName ? `, and how much of it lies in ${onName}` : ''}${r.model.asOf ? ` (as of ${r.model.asOf})` : ''}`,
    parameters,
    sections,
  };
}
