// Accepting or rejecting a candidate claim. Accepting writes the relation, with its citation
// (source, section, paragraph), into the model's YAML (insert-relation.ts keeps every other byte),
// replaces the file atomically (temp file + fsync + rename), and then records the decision in the
// workspace. A crash between the two leaves the relation written and the claim pending; accepting
// again is idempotent (an existing relation with the same citation is not written twice).
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, basename, join, relative } from 'node:path';
import { isMap, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { UserError, formatProblem } from '../model/problem.js';
import { parseModel } from '../model/parse-model.js';
import { modelFiles } from '../store/read-model.js';
import { RELATION_TYPES } from '../model/schema.js';
import { insertListItem, insertRelation, type NewRelation } from './insert-relation.js';
import type { Store, StoredClaim } from '../store/store.js';

export interface DecideOptions {
  actor: string;
  reason?: string;
  /** Folder paths are shown relative to. */
  cwd?: string;
  /** Called after the YAML is written and before the workspace is updated (for fault tests). */
  afterWrite?: () => void;
}

export interface AcceptResult {
  claim: StoredClaim;
  /** File written (relative to cwd), or undefined when the relation was already there. */
  file?: string;
  relationId: string;
  /** `written`: new relation; `cited`: citation added to an existing relation; `present`: nothing to write. */
  action: 'written' | 'cited' | 'present';
}

/** The confidence grade the model format uses, from a 0..1 score. */
export function confidenceGrade(score: number): 'low' | 'moderate' | 'high' {
  return score >= 0.75 ? 'high' : score >= 0.5 ? 'moderate' : 'low';
}

/** Replaces `path` with `text` atomically: a crash leaves either the old or the new file. */
export function writeFileAtomic(path: string, text: string): void {
  removeStaleTemps(path);
  const tmp = join(dirname(path), `.${basename(path)}.tyl-${process.pid}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw e;
  }
  try {
    const dfd = openSync(dirname(path), 'r');
    fsyncSync(dfd);
    closeSync(dfd);
  } catch {
    /* directories cannot be fsynced everywhere */
  }
}

/** Deletes temporary files a killed writer left beside `path` (their process is gone). */
function removeStaleTemps(path: string): void {
  const prefix = `.${basename(path)}.tyl-`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length, -'.tmp'.length));
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
      continue; // still running
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ESRCH') continue;
    }
    try {
      unlinkSync(join(dirname(path), name));
    } catch {
      /* already gone */
    }
  }
}

interface FileInfo {
  path: string;
  text: string;
  data: Record<string, unknown>;
  /** Order in which changed files are written (sources before relations); 0 = unchanged. */
  changed?: number;
}

function sameCite(c: unknown, claim: StoredClaim): boolean {
  const x = c as Record<string, unknown>;
  return (
    x?.source === claim.source &&
    x?.section === claim.section &&
    (x?.paragraph === claim.paragraph ||
      ((x?.paragraph as number) <= claim.paragraph && (x?.to as number) >= claim.paragraph))
  );
}

/** Accepts a claim: writes the relation into the model at `modelPath`, then records the decision. */
export async function acceptClaim(
  store: Store,
  id: string,
  modelPath: string,
  options: DecideOptions,
): Promise<AcceptResult> {
  const claim = await store.getClaim(id);
  if (!claim) throw new UserError(`evidence/claims: no claim "${id}" in this workspace (see 'tyl claims')`);
  if (claim.status === 'rejected')
    throw new UserError(
      `evidence/claims: claim ${id} was rejected on ${claim.decidedAt ?? '?'}; it cannot be accepted`,
    );
  if (!(RELATION_TYPES as readonly string[]).includes(claim.type))
    throw new UserError(
      `evidence/claims: claim ${id} has relation type "${claim.type}", which the model format does not know`,
    );
  const cwd = options.cwd ?? process.cwd();
  const files: FileInfo[] = modelFiles(modelPath).map((path) => {
    const text = readFileSync(path, 'utf8');
    const doc = parseDocument(text);
    if (doc.errors.length)
      throw new UserError(
        `evidence/claims: ${relative(cwd, path)}: not valid YAML (${doc.errors[0].message}); fix it first ('tyl validate')`,
      );
    return { path, text, data: (doc.toJS() ?? {}) as Record<string, unknown> };
  });
  if (!files.length) throw new UserError(`evidence/claims: ${modelPath}: no model files`);
  const parsed = parseModel(files.map((f) => ({ path: f.path, text: f.text })));
  if (!parsed.model)
    throw new UserError(
      `evidence/claims: ${modelPath}: the model has errors; fix them first ('tyl validate')`,
    );
  const model = parsed.model;
  for (const end of [claim.from, claim.to])
    if (!model.entities.some((e) => e.id === end))
      throw new UserError(
        `evidence/claims: claim ${id} names entity "${end}", which the model no longer has`,
      );
  // the cited document must be a source of the model: add it (from the workspace's metadata) if not
  if (!model.sources.some((x) => x.id === claim.source)) {
    const doc = await store.getDocument(claim.source);
    const entry: Record<string, unknown> = { id: claim.source, title: doc?.title ?? claim.source };
    if (doc?.author) entry.author = doc.author;
    if (doc?.date && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(doc.date)) entry.date = doc.date;
    const sf =
      files.find((f) => Array.isArray(f.data.sources)) ?? files.find((f) => 'model' in f.data) ?? files[0];
    try {
      sf.text = insertListItem(sf.text, 'sources', entry, {
        comment: `added with claim ${claim.id} from the workspace's copy (${doc?.path ?? 'unknown path'})`,
      });
    } catch (e) {
      throw new UserError(
        `evidence/claims: ${relative(cwd, sf.path)}: cannot add source "${claim.source}" (${(e as Error).message})`,
      );
    }
    sf.changed = 1;
  }
  const rel = (f: FileInfo) =>
    Array.isArray(f.data.relations) ? (f.data.relations as Record<string, unknown>[]) : [];
  const cite = { source: claim.source, section: claim.section, paragraph: claim.paragraph };
  // an existing relation with the same type and ends: add the citation if it lacks it
  for (const f of files)
    for (const [i, r] of rel(f).entries()) {
      if (r.type !== claim.type || r.from !== claim.from || r.to !== claim.to) continue;
      const relationId = (r.id as string) ?? `${claim.from}-${claim.type}-${claim.to}`;
      const cites = Array.isArray(r.cite) ? r.cite : [];
      if (cites.some((c) => sameCite(c, claim))) {
        if (files.some((x) => x.changed)) {
          writeAll(files);
          options.afterWrite?.();
        }
        const decided = await store.decideClaim(
          id,
          'accepted',
          { actor: options.actor, reason: options.reason },
          relative(cwd, f.path),
        );
        return { claim: decided, relationId, action: 'present' };
      }
      const doc = parseDocument(f.text);
      const item = (doc.get('relations', true) as YAMLSeq).items[i] as YAMLMap;
      const seq = item.get('cite', true);
      const node = doc.createNode(cite) as YAMLMap;
      node.flow = true;
      if (isSeq(seq)) seq.items.push(node);
      else item.set('cite', doc.createNode([cite]));
      f.text = doc.toString({ lineWidth: 0 });
      f.changed = 2;
      writeAll(files);
      options.afterWrite?.();
      const decided = await store.decideClaim(
        id,
        'accepted',
        { actor: options.actor, reason: options.reason },
        relative(cwd, f.path),
      );
      return { claim: decided, file: relative(cwd, f.path), relationId, action: 'cited' };
    }
  const target =
    files.find((f) => rel(f).some((r) => r.from === claim.from)) ??
    files.find(
      (f) =>
        Array.isArray(f.data.entities) &&
        (f.data.entities as Record<string, unknown>[]).some((e) => e.id === claim.from),
    ) ??
    files.find((f) => isMap(parseDocument(f.text).contents) && 'relations' in f.data) ??
    files.find((f) => 'model' in f.data) ??
    files[0];
  const ids = new Set(model.relations.map((r) => r.id).filter(Boolean));
  let relationId = `${claim.from}-${claim.type}-${claim.to}`;
  for (let k = 2; ids.has(relationId); k++) relationId = `${claim.from}-${claim.type}-${claim.to}-${k}`;
  const newRel: NewRelation = {
    id: relationId,
    type: claim.type,
    from: claim.from,
    to: claim.to,
    cite: [cite],
    confidence: confidenceGrade(claim.confidence),
  };
  try {
    target.text = insertRelation(target.text, newRel, {
      comment: `from claim ${claim.id} ("${claim.trigger}", score ${claim.confidence}), accepted by ${options.actor} ${new Date().toISOString().slice(0, 10)}`,
    });
  } catch (e) {
    throw new UserError(
      `evidence/claims: ${relative(cwd, target.path)}: cannot add the relation (${(e as Error).message})`,
    );
  }
  target.changed = 2;
  writeAll(files);
  options.afterWrite?.();
  const decided = await store.decideClaim(
    id,
    'accepted',
    { actor: options.actor, reason: options.reason },
    relative(cwd, target.path),
  );
  return { claim: decided, file: relative(cwd, target.path), relationId, action: 'written' };
}

/** Validates the whole model with the edited texts, then writes each changed file atomically. */
function writeAll(files: FileInfo[]): void {
  const after = parseModel(files.map((x) => ({ path: x.path, text: x.text })));
  if (!after.model) {
    const first = after.problems.find((p) => p.severity === 'error');
    throw new UserError(
      `evidence/claims: the edit would make the model invalid (${first ? formatProblem(first) : 'unknown problem'}); nothing written`,
    );
  }
  for (const f of files.filter((x) => x.changed).sort((a, b) => a.changed! - b.changed!)) {
    writeFileAtomic(f.path, f.text);
    f.changed = 0;
  }
}

/** Rejects a claim, recording who and why. */
export async function rejectClaim(store: Store, id: string, options: DecideOptions): Promise<StoredClaim> {
  const claim = await store.getClaim(id);
  if (!claim) throw new UserError(`evidence/claims: no claim "${id}" in this workspace (see 'tyl claims')`);
  if (claim.status === 'accepted')
    throw new UserError(
      `evidence/claims: claim ${id} was accepted${claim.writtenTo ? ` and written to ${claim.writtenTo}` : ''}; remove the relation from the model by hand first`,
    );
  return store.decideClaim(id, 'rejected', { actor: options.actor, reason: options.reason });
}
