import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command, CommandIO } from '../command.js';
import { progressBar } from '../progress-bar.js';
import { println, printJson } from '../command.js';
import { AS_OF_OPTION, MODEL_ARG, asOfOption, loadModelArg, modelPath } from '../model-arg.js';
import { ANALYSIS_OPTIONS, SAMPLING_OPTIONS, SCENARIO_OPTION, loadScenarios } from '../scenario-arg.js';
import { UserError } from '../../model/problem.js';
import type { Citation } from '../../model/types.js';
import { analyze, costText, type AnalysisResult, type CitedStep } from '../../engine/analyze.js';

/** `source §section ¶n` anchors, deduplicated. */
export function formatCites(cites: Citation[]): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const c of cites) {
    const s = `${c.source} §${c.section} ¶${c.paragraph}${c.to ? `–${c.to}` : ''}`;
    if (!seen.has(s)) {
      seen.add(s);
      out.push(s);
    }
  }
  return out.join('; ');
}

/** `A ← needs input ← B ← …` with the citations of each link. */
export function formatPath(steps: CitedStep[]): string {
  if (!steps.length) return '';
  return [steps[0].nodeName, ...steps.map((s) => `${s.input} from ${s.providerName}`)].join(' ← ');
}

const fmt = (x: number | null | undefined, d = 1) =>
  x === null || x === undefined ? '—' : Number.isFinite(x) ? x.toFixed(d) : '∞';

function table(out: CommandIO['stdout'], head: string[], rows: string[][]): void {
  const w = head.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (r: string[]) =>
    r
      .map((c, k) => (k === 0 ? c.padEnd(w[k]) : c.padStart(w[k])))
      .join('  ')
      .trimEnd();
  println(out, '  ' + line(head));
  for (const r of rows) println(out, '  ' + line(r));
}

const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

/** Prints an analysis for a reader. */
export function printAnalysis(out: CommandIO['stdout'], r: AnalysisResult, top: number): void {
  println(
    out,
    `tyl analyze — ${r.model.title} (model ${r.model.id}${r.model.version ? ` v${r.model.version}` : ''}${r.model.asOf ? `, as of ${r.model.asOf}` : ''})`,
  );
  println(
    out,
    `${r.counts.nodes} nodes, ${r.counts.requirements} requirements, ${r.counts.providers} provider links; focus: ${r.focus.actorCountry ?? '—'} capabilities on ${r.focus.onCountry ?? '—'}; seed ${r.seed}, ${r.samples} samples, ${r.workers} workers`,
  );
  println(out);
  println(out, 'Key findings');
  r.findings.forEach((f, k) => println(out, `  ${k + 1}. ${f}`));

  if (r.exposure.length) {
    println(out);
    println(
      out,
      `Exposure of ${r.focus.actorCountry} capabilities to ${r.focus.onCountry} nodes (share of each requirement, traced through suppliers)`,
    );
    table(
      out,
      ['capability', 'exposure', 'direct', 'main contributor'],
      r.exposure
        .slice(0, top * 2)
        .map((e) => [
          cut(e.name, 60),
          `${(e.exposure * 100).toFixed(0)}%`,
          `${(e.direct * 100).toFixed(0)}%`,
          cut(e.contributors[0]?.name ?? '—', 40),
        ]),
    );
    const e = r.exposure[0];
    if (e?.path.length) {
      println(out, `  heaviest path (${(e.pathShare * 100).toFixed(0)}%): ${formatPath(e.path)}`);
      const c = formatCites(e.path.flatMap((s) => s.cite));
      if (c) println(out, `    cites: ${c}`);
    }
  }

  println(out);
  if (r.singlePoints.length) {
    println(out, `Single points of failure (one node whose loss stops a capability)`);
    for (const s of r.singlePoints.slice(0, top)) {
      println(
        out,
        `  ${s.name}${s.country ? ` (${s.country})` : ''}: stops ${s.stops.length} — ${s.stops
          .map((x) => x.name)
          .slice(0, top)
          .join('; ')}${s.stops.length > top ? '; …' : ''}`,
      );
      const p = s.stops[0];
      if (p?.path.length) {
        println(out, `    why: ${formatPath(p.path)}`);
        const c = formatCites(p.path.flatMap((x) => x.cite));
        if (c) println(out, `    cites: ${c}`);
      }
    }
  } else println(out, 'Single points of failure: none');
  const multi = r.cutSets.filter((c) => c.smallest !== null && c.smallest > 1);
  if (multi.length) {
    println(out);
    println(
      out,
      `Smallest cut sets of capabilities with no single point of failure (up to order ${r.maxOrder})`,
    );
    for (const c of multi.slice(0, top)) {
      const s = c.sets[0];
      println(
        out,
        `  ${c.name}: {${s.names.join(', ')}}${c.sets.length > 1 ? ` and ${c.sets.length - 1} more of order ${c.smallest}` : ''}`,
      );
      for (const p of s.paths.slice(0, 2))
        if (p.steps.length) println(out, `    why: ${formatPath(p.steps)}`);
      const cites = formatCites(s.paths.flatMap((p) => p.steps.flatMap((x) => x.cite)));
      if (cites) println(out, `    cites: ${cites}`);
    }
  }

  if (r.scenarios.length) {
    println(out);
    const [lo, mid, hi] = r.percentiles.length ? r.percentiles.map(String) : ['', '', ''];
    println(
      out,
      `Scenario impacts: capability-days lost over the horizon${r.samples ? ` (P${lo} / P${mid} / P${hi} of ${r.samples} samples)` : ' (nominal values)'}`,
    );
    const rows: string[][] = [];
    for (const s of r.scenarios) {
      const hit = s.impacts.filter(
        (x) =>
          (x.mc?.daysLost.p[mid] ?? x.nominal.daysLost ?? 0) > 1e-9 || (x.mc?.daysLost.p[hi] ?? 0) > 1e-9,
      );
      if (!hit.length) {
        rows.push([cut(s.title, 44), '(none hit)', '', '', '', '', '', '']);
        continue;
      }
      hit.slice(0, top).forEach((x, k) => {
        const m = x.mc;
        rows.push([
          k === 0 ? cut(s.title, 44) : '',
          cut(x.name, 44),
          fmt(x.nominal.daysLost),
          m ? fmt(m.daysLost.p[lo]) : '',
          m ? fmt(m.daysLost.p[mid]) : '',
          m ? fmt(m.daysLost.p[hi]) : '',
          fmt(m ? m.min.p[mid] : x.nominal.min, 2),
          fmt(m ? m.timeToRecover.p[mid] : x.nominal.timeToRecover, 0),
        ]);
      });
    }
    table(
      out,
      ['scenario', 'capability', 'nominal', `P${lo}`, `P${mid}`, `P${hi}`, 'min lvl', 'recover d'],
      rows,
    );
    for (const s of r.scenarios)
      if (s.emptyShocks.length)
        println(
          out,
          `  note: in "${s.id}", shocks ${s.emptyShocks.join(', ')} select nothing${s.asOf ? ` as of ${s.asOf}` : ''}`,
        );
  }
  if (r.mitigations.length) {
    println(out);
    println(out, 'Mitigations (capability-days saved against the scenario they extend, paired samples)');
    table(
      out,
      ['mitigation', 'against', 'nominal', 'P50', 'cost', 'lead time d'],
      r.mitigations.map((m) => [
        cut(m.title, 44),
        m.against,
        fmt(m.saved.nominal),
        fmt(m.saved.p?.['50']),
        m.cost ? costText(m.cost) : '—',
        m.leadTime ? fmt(m.leadTime.nominal, 0) : '—',
      ]),
    );
  }
  // --- optimisation (issue 5) ---
  const opt = r.optimisation;
  if (opt) {
    println(out);
    println(
      out,
      `Risk exposure index (LP: least ${opt.demandSource === 'explicit' ? 'weighted demand' : 'capability-days'} lost with each node down for its time-to-recover${opt.ttrDefaulted ? `, ${opt.defaultTtr} days where the model gives none` : ''}; tyl rei, tyl tts)`,
    );
    table(
      out,
      ['node', 'REI', 'impact', 'TTR d'],
      opt.rei.map((e) => [cut(e.name, 44), fmt(e.rei, 3), fmt(e.impact), fmt(e.ttr, 0)]),
    );
    if (opt.shortfalls.length) println(out);
    if (opt.shortfalls.length)
      table(
        out,
        [`TTS < TTR${opt.on ? ` (${opt.on} nodes)` : ''}`, 'TTS d', 'TTR d', 'shortfall d'],
        opt.shortfalls.map((t) => [
          cut(t.name, 44),
          t.tts === null ? '∞' : fmt(t.tts, 1),
          fmt(t.ttr, 0),
          fmt(t.shortfall, 1),
        ]),
      );
  }
  // --- end optimisation ---
}

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'The main job: exposure, single points of failure, cut sets and scenario impacts with uncertainty',
  description:
    'Computes, for the focus actor of the model (meta.focus), which capabilities rest most on the other actor, ' +
    'the single points of failure and smallest cut sets with the path that explains each and its citations, and ' +
    "the impact of each scenario (all of the model's scenarios/ by default) with Monte Carlo percentiles. " +
    'Writes the full result as JSON (tyl-analysis.json, or --out).',
  args: [MODEL_ARG],
  options: {
    scenario: SCENARIO_OPTION,
    'as-of': AS_OF_OPTION,
    ...SAMPLING_OPTIONS,
    ...ANALYSIS_OPTIONS,
    top: { type: 'number', value: 'N', default: 5, description: 'items shown per list' },
    out: {
      type: 'string',
      value: 'FILE',
      default: 'tyl-analysis.json',
      description: "where to write the full result ('-' = nowhere)",
    },
  },
  examples: [
    'tyl analyze',
    'tyl analyze --scenario belarus-regime-change --samples 2000 --seed 7',
    'tyl analyze models/russia-belarus --scenario ukraine-break-2014 --as-of 2014-01-01 --json',
  ],
  async run(ctx) {
    const { args, options, stdout, cwd } = ctx;
    const model = loadModelArg(args[0], cwd);
    const scenarios = loadScenarios(
      options.scenario as string[] | undefined,
      modelPath(args[0], cwd),
      model,
      cwd,
    );
    const samples = options.samples as number;
    const seed = options.seed as number;
    if (!Number.isInteger(samples) || samples < 0)
      throw new UserError(`tyl analyze: --samples must be a whole number >= 0, got ${samples}`);
    if (!Number.isInteger(seed))
      throw new UserError(`tyl analyze: --seed must be a whole number, got ${seed}`);
    const bar = progressBar(ctx, 'monte carlo', { unit: 'samples' });
    let result: AnalysisResult;
    try {
      const asOf = asOfOption(options);
      result = await analyze(model, scenarios, {
        samples,
        seed,
        maxOrder: options['max-order'] as number,
        top: options.top as number,
        ...(asOf ? { asOf } : {}),
        ...(options.workers !== undefined ? { workers: options.workers as number } : {}),
        ...(options.actor ? { actor: options.actor as string } : {}),
        ...(options.on ? { on: options.on as string } : {}),
        ...(bar.onProgress ? { onProgress: bar.onProgress } : {}),
      });
    } catch (e) {
      if (e instanceof RangeError) throw new UserError(e.message);
      throw e;
    } finally {
      bar.stop();
    }
    const out = options.out as string;
    if (out !== '-') writeFileSync(resolve(cwd, out), JSON.stringify(result, null, 2) + '\n');
    if (options.json) printJson(stdout, result);
    else {
      printAnalysis(stdout, result, options.top as number);
      if (out !== '-') {
        println(stdout);
        println(stdout, `Full result: ${out}`);
      }
    }
    return 0;
  },
};
