// Where importers put what they read: one element at a time, so a large import can stream to disk
// (see staged-yaml-writer.ts) while tests and small imports collect a model file in memory.
import type { RawDependency, RawEntity, RawModelFile, RawRelation, RawSource } from '../model/schema.js';

/** Receives the elements of an import as they are read. */
export interface ModelSink {
  source(s: RawSource): void;
  entity(e: RawEntity): void;
  relation(r: RawRelation): void;
  dependency(d: RawDependency): void;
}

/** A sink that collects a model file in memory; `file` holds what was received. */
export function memorySink(): ModelSink & { file: Required<Omit<RawModelFile, 'model'>> } {
  const file = {
    sources: [] as RawSource[],
    entities: [] as RawEntity[],
    relations: [] as RawRelation[],
    dependencies: [] as RawDependency[],
  };
  return {
    file,
    source: (s) => void file.sources.push(s),
    entity: (e) => void file.entities.push(e),
    relation: (r) => void file.relations.push(r),
    dependency: (d) => void file.dependencies.push(d),
  };
}
