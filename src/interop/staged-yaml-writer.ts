// Writes an imported model as YAML files into a staging folder, element by element, then moves the
// folder into place with one rename: a reader sees the whole import or none of it.
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ModelMeta } from '../model/types.js';
import { emitYaml, emitYamlItem, type YamlValue } from './emit-yaml.js';
import type { ModelSink } from './model-sink.js';

type Section = 'sources' | 'entities' | 'relations' | 'dependencies';

export interface StagedYamlWriter extends ModelSink {
  /** The staging folder (a sibling of the target, so the final rename stays on one file system). */
  readonly staging: string;
  /** How many elements of each section were written. */
  readonly counts: Record<Section, number>;
  /** Flushes and closes the files, writes `model.yaml` when `meta` is given, and renames into place. */
  commit(meta?: ModelMeta): void;
  /** Deletes the staging folder (nothing reaches the target). */
  abort(): void;
}

/**
 * Opens a staging folder in `stagingParent` (default: beside `target`; it must be on the same file
 * system, and outside any model folder a reader might load meanwhile). `target` must not exist yet,
 * or be an empty folder.
 */
export function stagedYamlWriter(target: string, stagingParent = dirname(target)): StagedYamlWriter {
  if (existsSync(target) && readdirSync(target).length)
    throw new Error(`interop/write: ${target} already exists and is not empty`);
  mkdirSync(dirname(target), { recursive: true });
  const staging = join(stagingParent, `.${basename(target)}.staging-${process.pid}-${Date.now()}`);
  mkdirSync(staging);
  const files = new Map<Section, { fd: number; chunks: string[]; size: number }>();
  const counts: Record<Section, number> = { sources: 0, entities: 0, relations: 0, dependencies: 0 };
  const flush = (f: { fd: number; chunks: string[]; size: number }) => {
    if (f.chunks.length) writeSync(f.fd, f.chunks.join(''));
    f.chunks = [];
    f.size = 0;
  };
  const write = (section: Section, item: unknown) => {
    let f = files.get(section);
    if (!f) {
      f = { fd: openSync(join(staging, `${section}.yaml`), 'w'), chunks: [`${section}:\n`], size: 0 };
      files.set(section, f);
    }
    const text = emitYamlItem(item as YamlValue);
    f.chunks.push(text);
    f.size += text.length;
    counts[section]++;
    if (f.size > 1 << 20) flush(f);
  };
  const close = () => {
    for (const f of files.values()) {
      flush(f);
      closeSync(f.fd);
    }
    files.clear();
  };
  return {
    staging,
    counts,
    source: (s) => write('sources', s),
    entity: (e) => write('entities', e),
    relation: (r) => write('relations', r),
    dependency: (d) => write('dependencies', d),
    commit(meta) {
      close();
      if (meta) {
        const fd = openSync(join(staging, 'model.yaml'), 'w');
        writeSync(fd, emitYaml({ model: meta as unknown as YamlValue }));
        closeSync(fd);
      }
      if (existsSync(target)) rmSync(target, { recursive: true });
      renameSync(staging, target);
    },
    abort() {
      close();
      rmSync(staging, { recursive: true, force: true });
    },
  };
}
