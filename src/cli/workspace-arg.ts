// Shared handling of --workspace (the SQLite workspace file) and --model for the evidence commands.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { OptionSpec } from './command.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite-store.js';
import { readModel } from '../store/read-model.js';
import { DEFAULT_MODEL } from './model-arg.js';
import type { Model } from '../model/types.js';

/** Workspace file used when --workspace is not given. */
export const DEFAULT_WORKSPACE = 'tyl.db';

export const WORKSPACE_OPTION: OptionSpec = {
  type: 'string',
  value: 'PATH',
  description: `workspace file (default: $TYL_WORKSPACE, else ${DEFAULT_WORKSPACE} in the current folder)`,
};

export const MODEL_OPTION: OptionSpec = {
  type: 'string',
  value: 'PATH',
  description: 'model folder or YAML file (default: the flagship, models/russia-belarus)',
};

/** Resolves the workspace path from the option, $TYL_WORKSPACE or the default. */
export function workspacePath(
  option: unknown,
  cwd: string,
  env: Record<string, string | undefined> = {},
): string {
  return resolve(cwd, typeof option === 'string' && option ? option : env.TYL_WORKSPACE || DEFAULT_WORKSPACE);
}

/** Opens the workspace, runs `fn`, and always closes it. */
export async function withWorkspace<T>(
  ctx: { options: Record<string, unknown>; cwd: string; env: Record<string, string | undefined> },
  mode: { create?: boolean; readonly?: boolean },
  fn: (store: SqliteStore) => Promise<T>,
): Promise<T> {
  const store = openSqliteStore(workspacePath(ctx.options.workspace, ctx.cwd, ctx.env), mode);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/**
 * Loads the model named by --model (relative to cwd), or the flagship. With `optional`, a missing
 * default flagship gives undefined instead of an error.
 */
export function loadModelOption(
  option: unknown,
  cwd: string,
  optional = false,
): { model: Model | undefined; path: string } {
  const path = typeof option === 'string' && option ? resolve(cwd, option) : DEFAULT_MODEL;
  if (optional && path === DEFAULT_MODEL && !existsSync(path)) return { model: undefined, path };
  return { model: readModel(path, cwd), path };
}
