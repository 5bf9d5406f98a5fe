// Normalises the evidence every element carries (citations, confidence, valid time, the estimate
// flag, a note) and checks it: valid.from not after valid.to, citation spans in order, and each
// cited source queued for the reference check that runs once every file has been read.
import type { z } from 'zod';
import * as S from './schema.js';
import type { Problem } from './problem.js';
import { dateEnd, dateStart } from './dates.js';
import type { At, Citation, Evidence } from './types.js';
import { locate, pathString, type YamlFile, type YamlPath } from './yaml-locate.js';

/** A plain YAML mapping. */
export type Rec = Record<string, unknown>;

export const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `schema`'s output for `v`, or undefined when `v` does not fit (the schema check reports why). */
export function fit<T extends z.ZodType>(schema: T, v: unknown): z.output<T> | undefined {
  const r = schema.safeParse(v);
  return r.success ? r.data : undefined;
}

/** A reference to check once all definitions are known. */
export interface PendingRef {
  to: 'entity' | 'source';
  id: string;
  /** The referring field, e.g. `from`, `provider`, `cite.source`. */
  role: string;
  at: At;
  path: string;
  /** True when the value is not even a well-formed id (the schema check reports it; a hint may follow). */
  malformed?: boolean;
}

/** Where problems and pending references are collected while a model is read. */
export interface Sink {
  problems: Problem[];
  refs: PendingRef[];
  /** Well-formed citations, checked against their source's outline when one is available. */
  anchors: PendingAnchor[];
}

/** A citation to check against its source document's sections and paragraphs. */
export interface PendingAnchor {
  citation: Citation;
  file: YamlFile;
  /** Path of the citation mapping. */
  path: YamlPath;
}

/** A position inside a file. */
export interface Where {
  file: YamlFile;
  path: YamlPath;
}

/** Records an error located at the value at `path`. */
export function report(
  sink: Sink,
  file: YamlFile,
  path: YamlPath,
  code: string,
  message: string,
  severity: Problem['severity'] = 'error',
): void {
  sink.problems.push({ severity, code, message, at: locate(file, path), path: pathString(path) });
}

/** Queues a reference from the value at `path` (a string; ids that are malformed are marked). */
export function queueRef(
  sink: Sink,
  file: YamlFile,
  path: YamlPath,
  value: unknown,
  to: PendingRef['to'],
  role: string,
) {
  if (typeof value !== 'string') return;
  const ref: PendingRef = { to, id: value, role, at: locate(file, path), path: pathString(path) };
  if (!S.Id.safeParse(value).success) ref.malformed = true;
  sink.refs.push(ref);
}

/** The evidence fields of `raw` (an element or quantity mapping), normalised and checked. */
export function normaliseEvidence(raw: Rec, where: Where, sink: Sink, inheritedEstimate = false): Evidence {
  const { file, path } = where;
  const cite: Citation[] = [];
  // One citation written without its list brackets: the schema reports the shape; its source still counts as cited.
  if (isRec(raw.cite))
    queueRef(sink, file, [...path, 'cite', 'source'], raw.cite.source, 'source', 'cite.source');
  if (Array.isArray(raw.cite))
    raw.cite.forEach((c: unknown, k) => {
      const cpath = [...path, 'cite', k];
      if (isRec(c)) queueRef(sink, file, [...cpath, 'source'], c.source, 'source', 'cite.source');
      const ok = fit(S.Citation, c);
      if (!ok) return;
      sink.anchors.push({ citation: ok, file, path: cpath });
      if (ok.to !== undefined && ok.to < ok.paragraph)
        report(
          sink,
          file,
          [...cpath, 'to'],
          'range',
          `citation span ends (to: ${ok.to}) before it starts (paragraph: ${ok.paragraph})`,
        );
      cite.push(ok);
    });
  const e: Evidence = {
    cite,
    estimate: typeof raw.estimate === 'boolean' ? raw.estimate : inheritedEstimate,
    at: locate(file, path),
  };
  const confidence = fit(S.Confidence, raw.confidence);
  if (confidence !== undefined) e.confidence = confidence;
  const valid = fit(S.Valid, raw.valid);
  if (valid !== undefined) {
    e.valid = valid;
    if (valid.from && valid.to && dateStart(valid.from) > dateEnd(valid.to))
      report(
        sink,
        file,
        [...path, 'valid', 'from'],
        'date-order',
        `valid.from ${valid.from} is after valid.to ${valid.to}`,
      );
  }
  if (typeof raw.note === 'string') e.note = raw.note;
  return e;
}
