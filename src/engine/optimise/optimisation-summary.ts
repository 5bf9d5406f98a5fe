// The optimisation's contribution to `tyl analyze`: risk exposure index and time-to-survive of the
// model's nodes for the focus actor's capabilities, the share of exposure on the other country's
// nodes, and templated findings over those numbers (Simchi-Levi et al. 2015; docs/methods.md,
// "Optimisation").
import { compile } from '../compile.js';
import type { Model } from '../../model/types.js';
import { resolveCountry } from '../structure/resolve-country.js';
import { flowData } from './flow-data.js';
import { flowModel } from './flow-model.js';
import { riskExposureIndex } from './rei.js';
import { timeToSurvive } from './tts.js';

export interface OptimisationSummaryOptions {
  asOf?: string;
  /** Whose capabilities are demanded (entity id or country code; default model.meta.focus.actor; "all"). */
  actor?: string;
  /** Whose nodes the exposure share and the TTS flags are reported for (default model.meta.focus.on). */
  on?: string;
  /** Time-to-recover of nodes whose model gives none (default 30 days). */
  defaultTtr?: number;
  /** Rows per list (default 5). */
  top?: number;
  onProgress?: (done: number, total: number) => void;
}

const DEFAULTS = { defaultTtr: 30, top: 5 };

export interface OptimisationSummary {
  actor: string | null;
  on: string | null;
  demandSource: string;
  defaultTtr: number;
  /** Nodes whose time-to-recover is the default rather than a value in the model. */
  ttrDefaulted: number;
  totalExposure: number;
  /** Share of the total exposure from nodes of `on` (null when no `on`). */
  onShare: number | null;
  rei: { node: string; name: string; country: string | null; rei: number; impact: number; ttr: number }[];
  /** Nodes of `on` (or all) whose TTS is shorter than their TTR, largest shortfall first. */
  shortfalls: { node: string; name: string; tts: number | null; ttr: number; shortfall: number }[];
  flagged: number;
  assessed: number;
  findings: string[];
}

const f = (x: number) => Number(x.toPrecision(3)).toLocaleString('en-GB');

/**
 * REI and TTS of every node for the focus actor's capabilities, summarised.
 *
 * @example
 * const s = await optimisationSummary(model);
 * s.findings; // sentences computed from the LP results
 */
export async function optimisationSummary(
  model: Model,
  options: OptimisationSummaryOptions = {},
): Promise<OptimisationSummary> {
  const { defaultTtr, top, asOf, onProgress } = { ...DEFAULTS, ...options };
  const actorArg = options.actor ?? model.meta.focus?.actor;
  const actor = actorArg && actorArg !== 'all' ? (resolveCountry(model, actorArg) ?? null) : null;
  const onArg = options.on ?? model.meta.focus?.on;
  const on = onArg ? (resolveCountry(model, onArg) ?? null) : null;
  const cm = compile(model, asOf === undefined ? {} : { asOf });
  const fm = flowModel(cm, flowData(model, cm), { defaultTtr, ...(actor ? { demandCountry: actor } : {}) });
  const n = fm.n;
  const rei = await riskExposureIndex(fm, { onProgress: (d) => onProgress?.(d, 2 * n) });
  const tts = await timeToSurvive(fm, { onProgress: (d) => onProgress?.(n + d, 2 * n) });

  const onExposure = on ? rei.nodes.filter((e) => e.country === on).reduce((s, e) => s + e.impact, 0) : 0;
  const onShare = on && rei.totalExposure > 0 ? onExposure / rei.totalExposure : on ? 0 : null;
  const pool = tts.nodes.filter((t) => !on || t.country === on);
  const flaggedList = pool.filter((t) => t.flagged).sort((a, b) => b.shortfall - a.shortfall);
  const out: OptimisationSummary = {
    actor,
    on,
    demandSource: rei.demandSource,
    defaultTtr,
    ttrDefaulted: rei.nodes.filter((e) => !e.ttrGiven).length,
    totalExposure: rei.totalExposure,
    onShare,
    rei: rei.nodes.slice(0, top).map((e) => ({
      node: e.node,
      name: e.name,
      country: e.country,
      rei: e.rei,
      impact: e.impact,
      ttr: e.ttr,
    })),
    shortfalls: flaggedList.slice(0, top).map((t) => ({
      node: t.node,
      name: t.name,
      tts: t.tts,
      ttr: t.ttr,
      shortfall: t.shortfall,
    })),
    flagged: flaggedList.length,
    assessed: pool.length,
    findings: [],
  };

  const who = actor ? `${actor}'s capabilities` : 'the capabilities';
  const unit = rei.demandSource === 'explicit' ? 'weighted units of demand' : 'capability-days';
  if (rei.maxImpact > 0) {
    const w = rei.nodes[0];
    out.findings.push(
      `Even with every alternative used as well as possible, losing "${w.name}" for ${f(w.ttr)} days costs ${who} ${f(w.impact)} ${unit}, the worst of any single node (REI 1).`,
    );
  } else
    out.findings.push(
      `No single node's loss for its time-to-recover costs ${who} anything once alternatives are used.`,
    );
  if (on && onShare !== null)
    out.findings.push(
      `${on} nodes carry ${Math.round(onShare * 100)}% of the total risk exposure of ${who} (${f(onExposure)} of ${f(rei.totalExposure)} ${unit}).`,
    );
  if (flaggedList.length) {
    const t = flaggedList[0];
    out.findings.push(
      `${flaggedList.length} of ${pool.length} ${on ? `${on} ` : ''}nodes cannot be survived until they recover; the largest gap is "${t.name}" (demand met for ${t.tts === null ? 'ever' : `${f(t.tts)} days`} against ${f(t.ttr)} to recover).`,
    );
  }
  if (out.ttrDefaulted)
    out.findings.push(
      `${out.ttrDefaulted} of ${rei.nodes.length} nodes have no time-to-recover in the model and are assumed down for ${defaultTtr} days; these results scale with that assumption.`,
    );
  return out;
}
