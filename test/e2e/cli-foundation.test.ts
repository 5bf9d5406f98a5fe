// End-to-end: the real `tyl` executable (node bin/tyl.js) on fixture models copied into a temporary
// working directory, checking exit codes, located messages and machine-readable output.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTyl } from './run-tyl.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
let cwd: string;

const tyl = (...args: string[]) => runTyl(cwd, args);
const json = <T = Record<string, unknown>>(s: string) => JSON.parse(s) as T;

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'tyl-e2e-'));
  for (const f of ['tiny', 'slice', 'broken-syntax', 'broken-values', 'broken-refs'])
    cpSync(join(root, 'test', 'fixtures', f), join(cwd, f), { recursive: true });
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('tyl validate', () => {
  it('accepts a valid model: exit 0, a summary, warnings located', () => {
    const r = tyl('validate', 'tiny');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'ok: Tiny test model: 2 entities, 1 relation, 1 dependency, 1 source in 1 file, 3 warnings',
    );
    expect(r.stdout).toContain('tiny/model.yaml:13:5: warning[uncited]');
    const strict = tyl('validate', 'tiny', '--strict');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('failed (--strict): Tiny test model');
    expect(strict.stderr).toContain('tiny/model.yaml:13:5: warning[uncited]');
  });

  it('rejects a broken model: exit 1, every error located, no stack trace', () => {
    const r = tyl('validate', 'broken-syntax');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('broken-syntax/model.yaml:12:9: error[yaml-syntax]');
    expect(r.stderr).toContain(
      'broken-syntax/model.yaml:18:11: error[unknown-reference]: unknown entity "plnt" in "from" (did you mean "plant"?)',
    );
    expect(r.stderr).toContain('broken-syntax/unclosed.yaml:6:11: error[yaml-syntax]');
    expect(r.stderr).toContain('model/load: 3 errors, 0 warnings in 2 files');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports problems as JSON with --json', () => {
    const r = tyl('validate', 'broken-values', '--json');
    expect(r.code).toBe(1);
    const out = json<{ ok: boolean; errors: number; problems: { code: string; at: { line: number } }[] }>(
      r.stdout,
    );
    expect(out.ok).toBe(false);
    expect(out.errors).toBe(14);
    expect(out.problems.find((p) => p.code === 'unit-mismatch')?.at.line).toBe(32);
  });

  it('says so when the model path does not exist', () => {
    const r = tyl('validate', 'nowhere');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('model/load: ');
    expect(r.stderr).toContain('no such file or folder');
  });
});

describe('tyl show', () => {
  it('finds an entity by alias, ignoring case, and shows relations both ways and dependencies', () => {
    const r = tyl('show', 'BYELORUSSIA', 'slice');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Belarus \(by\)/);
    expect(r.stdout).toContain('→ Air base (base)'); // outgoing: by hosts base
    expect(r.stdout).toContain('← Russia (ru)'); // incoming: ru friction-with by
    expect(r.stdout).toContain('airspace to Russia (ru)'); // by provides airspace to ru
    expect(r.stdout).toContain('doc §one ¶2');
  });

  it('gives the card as JSON, sliced by --as-of', () => {
    const r = tyl('show', 'ru', 'slice', '--as-of', '2016-06-01', '--json');
    expect(r.code).toBe(0);
    const card = json<{
      needs: { dependency: { id: string }; providers: unknown[] }[];
      incoming: { id: string }[];
    }>(r.stdout);
    expect(card.needs.map((d) => [d.dependency.id, d.providers.length])).toEqual([['ru-needs-parts', 0]]);
    expect(card.incoming.map((x) => x.id)).toEqual([]);
  });

  it('shows a dependency or relation given its id', () => {
    const d = tyl('show', 'ru-needs-parts', 'slice');
    expect(d.code).toBe(0);
    expect(d.stdout.split('\n')[0]).toBe('Russia (ru) needs parts: dependency ru-needs-parts  [doc §two ¶1]');
    expect(d.stdout).toContain('  from New plant (plant-new): share 100%');
    const r = json<{ relation: { from: string; to: string } }>(tyl('show', 'r4', 'slice', '--json').stdout);
    expect(r.relation).toMatchObject({ from: 'ru', to: 'by' });
  });

  it('suggests the closest entity on a miss', () => {
    const r = tyl('show', 'belaruss', 'slice');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('tyl show: no entity "belaruss" (did you mean "by"');
  });
});

describe('tyl query and timeline', () => {
  it('query --as-of keeps only what was valid then', () => {
    const ids = (args: string[]) =>
      json<{ entities: { id: string }[] }>(tyl('query', 'slice', '--json', ...args).stdout).entities.map(
        (e) => e.id,
      );
    expect(ids(['--as-of', '2013'])).toEqual(['ru', 'by', 'plant-old']);
    expect(ids(['--kind', 'facility', '--as-of', '2020-10'])).toEqual(['plant-new', 'base']);
    expect(ids(['--kind', 'airfield'])).toEqual(['base']);
    expect(ids(['--country', 'by,ru', '--text', 'plant'])).toEqual(['plant-old', 'plant-new']);
  });

  it('timeline lists starts and ends in order within --from/--to', () => {
    const r = tyl('timeline', 'slice', '--from', '2016', '--to', '2020', '--json');
    expect(r.code).toBe(0);
    const t = json<{ entries: { id: string; change: string }[] }>(r.stdout);
    expect(t.entries.map((e) => `${e.id}:${e.change}`)).toEqual([
      'plant-new:start',
      'r2:start',
      'base:start',
      'r4:start',
      'r4:end',
    ]);
    const text = tyl('timeline', 'slice', '--to', '2014-12');
    expect(text.stdout.split('\n')[0]).toMatch(
      /^2014-03\s+from\s+entity\s+event\s+crimea-annex\s+Annexation of Crimea$/,
    );
  });

  it('rejects a malformed date', () => {
    const r = tyl('query', 'slice', '--as-of', '2020-13');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('as-of date "2020-13"');
  });
});

describe('tyl stats and export', () => {
  it('stats --json counts by kind and citation coverage', () => {
    const s = json<{
      counts: { entities: number };
      entitiesByKind: Record<string, number>;
      citations: { coverage: number };
    }>(tyl('stats', 'slice', '--json').stdout);
    expect(s.counts.entities).toBe(6);
    expect(s.entitiesByKind).toEqual({ state: 2, facility: 3, event: 1 });
    // 6 entities + 4 relations + 3 dependencies cited; the 4 providers are not: 13 of 17.
    expect(s.citations.coverage).toBeCloseTo(13 / 17, 12);
  });

  it('export json prints the whole model with its citations', () => {
    const r = tyl('export', 'json', 'slice');
    expect(r.code).toBe(0);
    const m = json<{
      format: string;
      entities: { id: string; cite: { source: string; section: string; paragraph: number }[] }[];
      relations: unknown[];
    }>(r.stdout);
    expect(m.format).toBe('tyl-model');
    expect(m.entities).toHaveLength(6);
    expect(m.relations).toHaveLength(4);
    expect(m.entities[0].cite).toEqual([{ source: 'doc', section: 'one', paragraph: 1 }]);
  });

  it('export --out writes the file atomically (no temporary file left), sliced by --as-of', () => {
    const r = tyl('export', 'json', 'slice', '--as-of', '2013', '--out', 'out.json');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const m = json<{ asOf: string; entities: unknown[] }>(readFileSync(join(cwd, 'out.json'), 'utf8'));
    expect(m.asOf).toBe('2013');
    expect(m.entities).toHaveLength(3);
    expect(readdirSync(cwd).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('suggests the closest export format', () => {
    const r = tyl('export', 'jsn', 'slice');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown format "jsn" (did you mean "json"?)');
  });
});

describe('CLI shell', () => {
  it('suggests the closest command and option', () => {
    const c = tyl('valdate');
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('unknown command "valdate" (did you mean "validate"?)');
    const o = tyl('stats', 'slice', '--jsn');
    expect(o.code).toBe(1);
    expect(o.stderr).toContain('unknown option --jsn (did you mean --json?)');
  });
});

const flagship = join(root, 'models', 'russia-belarus');
describe.skipIf(!existsSync(flagship))('the flagship model', () => {
  it('validates cleanly and exports with citations', () => {
    const v = tyl('validate', '--json');
    const out = json<{ ok: boolean; errors: number }>(v.stdout);
    expect(out).toMatchObject({ ok: true, errors: 0 });
    expect(v.code).toBe(0);
    const m = json<{ sources: { id: string }[]; entities: { cite: unknown[] }[] }>(
      tyl('export', 'json').stdout,
    );
    expect(m.sources.length).toBeGreaterThan(0);
    expect(m.entities.filter((e) => e.cite.length > 0).length).toBeGreaterThan(0);
  });
});
