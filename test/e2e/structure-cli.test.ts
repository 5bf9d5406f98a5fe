// End-to-end: `tyl cut-sets` and `tyl exposure` through the real executable on the structure fixture,
// whose cut sets and exposure are derived by hand in test/fixtures/structure-andor/model.yaml.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTyl } from './run-tyl.js';
import { readModel } from '../../src/store/read-model.js';

const root = join(import.meta.dirname, '..', '..');
const fixture = join(root, 'test', 'fixtures', 'structure-andor');

const tyl = (...args: string[]) => runTyl(root, args);

describe('tyl cut-sets', () => {
  it('prints the hand-derived cut sets with explaining paths and citations', () => {
    const r = tyl('cut-sets', fixture);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 of order 1, 4 of order 2, 0 of order 3');
    expect(r.stdout).toContain(
      [
        '  2. lose Plant A',
        '     via —strike-launchers→ Launchers —launchers-plant→ Plant A',
        '     sources: doc §one ¶1; doc §two ¶3',
      ].join('\n'),
    );
    expect(r.stdout).toContain(
      [
        '  6. lose Rail X + Rail Y',
        '     via —strike-fuel→ North depot —depot-n-rail→ Rail X',
        '         —strike-fuel→ South depot —depot-s-rail→ Rail Y',
      ].join('\n'),
    );
  });

  it('gives every cut set as JSON, with dependency ids along each path', () => {
    const r = tyl('cut-sets', fixture, '--max-order', '2', '--json');
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout) as {
      targets: {
        target: string;
        cutSets: { nodes: string[]; paths: { member: string; steps: { dependency: string }[] }[] }[];
      }[];
    };
    const strike = res.targets.find((t) => t.target === 'strike')!;
    expect(strike.cutSets.map((c) => c.nodes.join('+'))).toEqual([
      'launchers',
      'plant-a',
      'depot-n+depot-s',
      'depot-n+rail-y',
      'depot-s+rail-x',
      'rail-x+rail-y',
    ]);
    const rx = strike.cutSets[5].paths.find((p) => p.member === 'rail-x')!;
    expect(rx.steps.map((s) => s.dependency)).toEqual(['strike-fuel', 'depot-n-rail']);
  });

  it('slices at --as-of: before rail Y exists, the north depot and rail X become single points of failure', () => {
    const r = tyl('cut-sets', fixture, '--as-of', '2019', '--json');
    const strike = (JSON.parse(r.stdout) as { targets: { target: string; cutSets: { nodes: string[] }[] }[] })
      .targets[0];
    expect(strike.cutSets.map((c) => c.nodes.join('+'))).toEqual([
      'launchers',
      'plant-a',
      'depot-n',
      'rail-x',
    ]);
  });

  it('rejects an unknown target with a suggestion, exit 1, no stack trace', () => {
    const r = tyl('cut-sets', fixture, '--target', 'strke');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('tyl cut-sets: unknown entity "strke" (did you mean "strike"?)');
    expect(r.stderr).not.toContain('    at ');
  });
});

describe('tyl exposure', () => {
  it('measures the focus actor on the focus country (entity ids resolved to countries)', () => {
    const r = tyl('exposure', fixture, '--json');
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout) as {
      on: string;
      actor: string;
      targets: { target: string; exposure: number; contributors: { node: string; share: number }[] }[];
    };
    expect(res.on).toBe('BY');
    expect(res.actor).toBe('RU');
    expect(res.targets[0].exposure).toBeCloseTo(0.75, 12);
    expect(res.targets[0].contributors.map((c) => c.node)).toEqual(['plant-a', 'rail-x']);
  });

  it('prints a table and the heaviest paths with their sources', () => {
    const r = tyl('exposure', fixture, '--on', 'BY', '--actor', 'RU');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Strike capability +75\.0% +0\.0% +Plant A 50\.0%, Rail X 25\.0%/);
    expect(r.stdout).toContain(
      [
        '   50.0%  —strike-launchers→ Launchers —launchers-plant→ Plant A',
        '          sources: doc §one ¶1; doc §two ¶3',
      ].join('\n'),
    );
  });

  it('rejects a country it cannot resolve', () => {
    const r = tyl('exposure', fixture, '--on', 'Belarus');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('tyl exposure: --on "Belarus" is neither a country code');
  });
});

describe('tyl centrality', () => {
  it('ranks the junction of a line first (hand-computed: the middle of a 3-node path carries the one other pair)', () => {
    const r = tyl('centrality', fixture, '--json');
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout) as {
      nodes: number;
      links: number;
      centrality: { node: string; betweenness: number }[];
    };
    expect([res.nodes, res.links]).toEqual([3, 2]);
    expect(res.centrality.map((c) => [c.node, c.betweenness])).toEqual([
      ['rail-x', 1],
      ['depot-n', 0],
      ['rail-y', 0],
    ]);
  });

  it('says so when there is no transit network', () => {
    const r = tyl('centrality', fixture, '--type', 'hosts');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No transit network found');
  });
});

// On the flagship: invariants only (no expected findings are written here, so the model's results
// can disagree with the paper without a test having to change).
describe('tyl cut-sets and tyl exposure on the flagship', () => {
  const entities = new Map<string, { kind: string; country?: string }>();
  const depIds = new Set<string>();
  beforeAll(() => {
    const model = readModel(join(root, 'models', 'russia-belarus'));
    for (const e of model.entities) entities.set(e.id, e);
    for (const d of model.dependencies) depIds.add(d.id);
  });
  it('reports explained minimal cut sets for every capability', () => {
    const r = tyl('cut-sets', '--max-order', '2', '--json');
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout) as {
      asOf: string | null;
      targets: {
        target: string;
        failsAtBaseline: boolean;
        cutSets: {
          order: number;
          nodes: string[];
          paths: { member: string; steps: { node: string; dependency: string; provider: string }[] }[];
        }[];
      }[];
    };
    expect(res.targets.length).toBeGreaterThan(0);
    for (const t of res.targets) {
      expect(entities.get(t.target)?.kind).toBe('capability');
      expect(t.failsAtBaseline).toBe(false);
      for (const c of t.cutSets) {
        expect(c.nodes.length).toBe(c.order);
        expect(c.nodes).not.toContain(t.target);
        expect(c.paths.map((p) => p.member)).toEqual(c.nodes);
        for (const p of c.paths) {
          expect(p.steps[0].node).toBe(t.target);
          expect(p.steps[p.steps.length - 1].provider).toBe(p.member);
          for (const s of p.steps) expect(depIds.has(s.dependency)).toBe(true);
        }
      }
    }
  });

  it('measures exposure in [0, 1], carried by nodes of the country measured', () => {
    const r = tyl('exposure', '--json');
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout) as {
      on: string;
      targets: { exposure: number; direct: number; contributors: { node: string; share: number }[] }[];
    };
    expect(res.targets.length).toBeGreaterThan(0);
    for (const t of res.targets) {
      expect(t.exposure).toBeGreaterThanOrEqual(0);
      expect(t.exposure).toBeLessThanOrEqual(1 + 1e-9);
      expect(t.direct).toBeLessThanOrEqual(t.exposure + 1e-9);
      for (const c of t.contributors) expect(entities.get(c.node)?.country).toBe(res.on);
    }
  });
});
