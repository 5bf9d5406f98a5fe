// Shared handling of the [model] argument and --as-of option.
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import type { ArgSpec, OptionSpec, Values } from './command.js';
import { readModel } from '../store/read-model.js';
import type { Model } from '../model/types.js';
import { sliceModel } from '../model/slice.js';

/** The folder tyl is installed in. */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The flagship model, used when no model is named. */
export const DEFAULT_MODEL = join(PACKAGE_ROOT, 'models', 'russia-belarus');

export const MODEL_ARG: ArgSpec = {
  name: 'model',
  description: 'model folder or YAML file (default: the flagship, models/russia-belarus)',
  optional: true,
};

export const AS_OF_OPTION: OptionSpec = {
  type: 'string',
  value: 'DATE',
  description: 'keep only what was valid on DATE (YYYY, YYYY-MM or YYYY-MM-DD)',
};

/** Resolves the model path given on the command line (relative to cwd), or the flagship. */
export function modelPath(arg: string | undefined, cwd: string): string {
  return arg ? resolve(cwd, arg) : DEFAULT_MODEL;
}

/** Loads the model named by the command line; throws a UserError listing problems. */
export function loadModelArg(arg: string | undefined, cwd: string): Model {
  return readModel(modelPath(arg, cwd), cwd);
}

/** The --as-of value, when given. */
export function asOfOption(options: Values): string | undefined {
  const v = options['as-of'];
  return typeof v === 'string' ? v : undefined;
}

/** Loads the model named on the command line, sliced at `asOf` when given. */
export function loadModelAt(arg: string | undefined, cwd: string, asOf?: string): Model {
  const model = loadModelArg(arg, cwd);
  return asOf ? sliceModel(model, asOf) : model;
}
