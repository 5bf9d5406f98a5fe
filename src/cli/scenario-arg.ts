// Loading scenarios named on the command line (the I/O edge of src/engine/scenario): a scenario is
// a file path, or the name (file stem or id) of a file in the model's scenarios/ folder. Scenarios
// that extend another are merged with it, and the one they extend is loaded too (for comparison).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { OptionSpec } from './command.js';
import { UserError, didYouMean, formatProblem } from '../model/problem.js';
import type { Model } from '../model/types.js';
import { parseScenario } from '../engine/scenario/parse-scenario.js';
import { extendScenario } from '../engine/scenario/plan-scenario.js';
import type { Scenario } from '../engine/scenario/scenario-schema.js';

export const SCENARIO_OPTION: OptionSpec = {
  type: 'strings',
  value: 'NAME|FILE',
  description: "a scenario file, or the name of one in the model's scenarios/ folder (repeatable)",
};

/** The same, for commands that run one scenario. */
export const ONE_SCENARIO_OPTION: OptionSpec = {
  ...SCENARIO_OPTION,
  type: 'string',
  description: "a scenario file, or the name of one in the model's scenarios/ folder",
};

export const SAMPLING_OPTIONS: Record<string, OptionSpec> = {
  samples: {
    type: 'number',
    value: 'N',
    default: 1000,
    description: 'Monte Carlo samples (0: nominal values only)',
  },
  seed: { type: 'number', value: 'S', default: 1, description: 'random seed (same seed, same numbers)' },
  workers: {
    type: 'number',
    value: 'N',
    description: 'worker threads (default: 2 from 200 samples, else 0)',
  },
};

/** Options of the commands that run the whole analysis (analyze, report). */
export const ANALYSIS_OPTIONS: Record<string, OptionSpec> = {
  actor: {
    type: 'string',
    value: 'ID|CC',
    description: 'actor whose capabilities are analysed (default: model focus.actor)',
  },
  on: {
    type: 'string',
    value: 'ID|CC',
    description: 'actor or country exposure is measured on (default: model focus.on)',
  },
  'max-order': { type: 'number', value: 'K', default: 2, description: 'largest cut sets searched' },
};

/** The scenarios/ folder of a model path (a folder, or the folder of a model file). */
export function scenarioDir(modelPath: string): string {
  let dir = modelPath;
  try {
    if (statSync(modelPath).isFile()) dir = dirname(modelPath);
  } catch {
    /* the model loader reports a missing path */
  }
  return join(dir, 'scenarios');
}

/** Scenario files in a model's scenarios/ folder (sorted). */
export function scenarioFiles(modelPath: string): string[] {
  const dir = scenarioDir(modelPath);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

function readOne(file: string, model: Model, cwd: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`scenario/load: ${file}: cannot read`);
  }
  const rel = relative(cwd, file);
  const shown = rel.startsWith('..') ? file : rel;
  const r = parseScenario(text, shown, { model });
  const errors = r.problems.filter((p) => p.severity === 'error');
  if (!r.scenario)
    throw new UserError(
      `scenario/load: ${errors.length} error${errors.length === 1 ? '' : 's'} in ${shown}\n` +
        r.problems.map(formatProblem).join('\n'),
      r.problems,
    );
  return r.scenario;
}

/**
 * Loads scenarios by name or path (all of the model's scenarios when `names` is empty), resolving
 * `extends`. A scenario another one extends is included before it.
 */
export function loadScenarios(
  names: string[] | undefined,
  modelPath: string,
  model: Model,
  cwd: string,
): Scenario[] {
  const files = scenarioFiles(modelPath);
  const byStem = new Map(files.map((f) => [basename(f).replace(/\.ya?ml$/, ''), f]));
  const cache = new Map<string, Scenario>();
  const load = (file: string) => {
    if (!cache.has(file)) cache.set(file, readOne(file, model, cwd));
    return cache.get(file)!;
  };
  const findById = (id: string): string | undefined => {
    if (byStem.has(id)) return byStem.get(id);
    return files.find((f) => load(f).id === id);
  };
  const wanted = names?.length ? names : files;
  const out: Scenario[] = [];
  const seen = new Set<string>();
  const add = (s: Scenario) => {
    if (!seen.has(s.id)) {
      seen.add(s.id);
      out.push(s);
    }
  };
  const resolveExtends = (s: Scenario, chain: string[] = []): Scenario => {
    if (!s.extends) return s;
    if (chain.includes(s.extends))
      throw new UserError(
        `scenario/load: ${s.file}: "extends" goes round in a circle (${[...chain, s.id, s.extends].join(' -> ')})`,
      );
    const f = findById(s.extends);
    if (!f) {
      const hint = didYouMean(s.extends, byStem.keys());
      throw new UserError(
        `scenario/load: ${s.file}: extends unknown scenario "${s.extends}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
      );
    }
    const base = resolveExtends(load(f), [...chain, s.id]);
    add(base);
    return extendScenario(base, s);
  };
  for (const w of wanted) {
    const path = resolve(cwd, w);
    let file: string | undefined;
    if (existsSync(path) && statSync(path).isFile()) file = path;
    else file = findById(w);
    if (!file) {
      const hint = didYouMean(w, byStem.keys());
      throw new UserError(
        `scenario/load: no scenario "${w}"${hint ? ` (did you mean "${hint}"?)` : ''}; ` +
          (byStem.size
            ? `available: ${[...byStem.keys()].join(', ')}`
            : `no scenarios folder at ${scenarioDir(modelPath)}`),
      );
    }
    add(resolveExtends(load(file)));
  }
  return out;
}
