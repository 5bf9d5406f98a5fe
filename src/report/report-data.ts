// Everything a report shows, computed once: the analysis (engine/analyze), a sensitivity tornado
// for the worst-hit capability of each threat scenario, and level bands over time for the
// capabilities each scenario hits hardest. Plain data; rendering is elsewhere.
import type { Model } from '../model/types.js';
import type { Scenario } from '../engine/scenario/scenario-schema.js';
import { analyze, type AnalysisResult, type AnalyzeOptions } from '../engine/analyze.js';
import { sensitivity, type SensitivityResult } from '../engine/sensitivity/sensitivity.js';
import { levelBands, type LevelBandsResult } from './level-bands.js';

export interface ReportDataOptions extends Omit<AnalyzeOptions, 'onProgress'> {
  /** Capabilities drawn per scenario chart (default 4). */
  curves?: number;
  /** Samples re-run for the level bands (default: min(samples, 200)). */
  curveSamples?: number;
  /** Called with a stage name and (done, total). */
  onProgress?: (stage: string, done: number, total: number) => void;
}

const DEFAULTS = { samples: 1000, seed: 1, curves: 4 };

export interface ReportData {
  analysis: AnalysisResult;
  /** One tornado per threat scenario that hits something (none when samples = 0). */
  sensitivity: SensitivityResult[];
  bands: LevelBandsResult;
}

const lost = (r: AnalysisResult['scenarios'][number]['impacts'][number]) =>
  r.mc?.daysLost.p['50'] ?? r.nominal.daysLost ?? 0;

/**
 * Runs the analysis a report shows.
 *
 * @example
 * const data = await reportData(model, scenarios, { samples: 500, seed: 1 });
 * const doc = buildReport(data, model, { date: '2026-01-01' });
 */
export async function reportData(
  model: Model,
  scenarios: Scenario[],
  options: ReportDataOptions = {},
): Promise<ReportData> {
  const o = { ...DEFAULTS, ...options };
  const { curves, curveSamples, onProgress, ...rest } = o;
  const analysis = await analyze(model, scenarios, {
    ...rest,
    ...(onProgress ? { onProgress: (d: number, t: number) => onProgress('analysis', d, t) } : {}),
  });
  const asOf = analysis.model.asOf ?? undefined;
  const out: SensitivityResult[] = [];
  if (analysis.samples > 0)
    for (const s of analysis.scenarios) {
      const sc = scenarios.find((x) => x.id === s.id);
      const worst = s.impacts[0];
      if (!sc || sc.mitigation || !worst || lost(worst) <= 1e-9) continue;
      out.push(
        await sensitivity(model, sc, {
          output: worst.id,
          samples: analysis.samples,
          seed: analysis.seed,
          ...(o.workers !== undefined ? { workers: o.workers } : {}),
          ...(asOf ? { asOf } : {}),
          ...(onProgress
            ? { onProgress: (d: number, t: number) => onProgress(`sensitivity ${s.id}`, d, t) }
            : {}),
        }),
      );
    }
  const outputs: Record<string, string[]> = {};
  for (const s of analysis.scenarios)
    outputs[s.id] = s.impacts
      .filter((r) => lost(r) > 1e-9)
      .slice(0, curves)
      .map((r) => r.id);
  const bands = levelBands(model, scenarios, {
    seed: analysis.seed,
    samples: curveSamples ?? Math.min(analysis.samples, 200),
    outputs,
    ...(asOf ? { asOf } : {}),
  });
  return { analysis, sensitivity: out, bands };
}
