// End-to-end: `tyl rei`, `tyl tts` and `tyl mitigate` through the real executable on the
// optimise-trucks fixture, whose answers are derived by hand in src/engine/optimise/*.test.ts.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTyl } from './run-tyl.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
let cwd: string;

const tyl = (...args: string[]) => runTyl(cwd, args);

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'tyl-e2e-opt-'));
  cpSync(join(root, 'test', 'fixtures', 'optimise-trucks'), join(cwd, 'trucks'), { recursive: true });
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('tyl rei', () => {
  it('ranks nodes by REI (--json)', () => {
    const r = tyl('rei', 'trucks', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      nodes: { node: string; impact: number; rei: number }[];
      totalExposure: number;
    };
    expect(out.nodes.map((n) => [n.node, Number(n.rei.toFixed(6))])).toEqual([
      ['plant-a', 1],
      ['mill', 0.5],
      ['truck', 0.4],
      ['plant-b', 0],
    ]);
    expect(out.totalExposure).toBeCloseTo(38, 6);
  });

  it('prints a table for chosen nodes, and explains one node with its best response', () => {
    const t = tyl('rei', 'trucks', '--node', 'mill', '--node', 'truck');
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/1\s+1\.000\s+10\s+30\s+mill/);
    const e = tyl('rei', 'trucks', '--explain', 'plant-a', '--json');
    const out = JSON.parse(e.stdout) as {
      impact: number;
      response: { flows: { provider: string; units: number }[] };
    };
    expect(out.impact).toBeCloseTo(20, 6);
    expect(out.response.flows.map((f) => f.provider)).toEqual(['plant-b']);
  });

  it('suggests a node id on a typo', () => {
    const r = tyl('rei', 'trucks', '--node', 'plant-x');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no node "plant-x" in the model \(did you mean "plant-a"\?\)/);
  });
});

describe('tyl tts', () => {
  it('flags nodes whose TTS falls short of their TTR, with the shortfall', () => {
    const r = tyl('tts', 'trucks', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      nodes: { node: string; tts: number | null; flagged: boolean; shortfall: number }[];
    };
    const by = Object.fromEntries(out.nodes.map((n) => [n.node, n]));
    expect(by['plant-a'].tts).toBeCloseTo(20, 6);
    expect(by['plant-a'].shortfall).toBeCloseTo(20, 6);
    expect(by['plant-b']).toMatchObject({ tts: null, flagged: false });
    const t = tyl('tts', 'trucks');
    expect(t.stdout).toContain('3 lose demand before they recover');
    expect(t.stdout).toMatch(/plant-a\s+20\s+40\s+20\s+TTS<TTR/);
  });
});

describe('tyl mitigate', () => {
  it('ranks the mitigation files by exposure cut per unit cost', () => {
    const r = tyl('mitigate', 'trucks', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      mitigations: { id: string; reduction: number }[];
      exposure: number;
    };
    expect(out.mitigations.map((m) => m.id)).toEqual(['chassis-stock', 'plant-c', 'mill-capacity']);
    expect(out.exposure).toBeCloseTo(38, 6);
  });

  it('reports a malformed mitigation file located, with no stack trace', () => {
    writeFileSync(
      join(cwd, 'bad.yaml'),
      'id: bad\ntitle: Bad\ncost: { value: 1, unit: million USD }\nadds:\n  - { dependency: truck-chasis, provider: plant-b }\n',
    );
    const r = tyl('mitigate', 'trucks', '--mitigations', 'bad.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'bad.yaml:5:19: error[unknown-dependency]: unknown dependency "truck-chasis" (did you mean "truck-chassis"?)',
    );
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('reports a malformed bill of materials located', () => {
    const text =
      'model: { id: b, title: B }\nentities:\n  - { id: a, kind: product, name: A }\n  - { id: b, kind: product, name: B }\ndependencies:\n  - { id: a-b, node: a, input: x, bom: 0, providers: [{ provider: b }] }\n';
    cpSync(join(cwd, 'trucks'), join(cwd, 'badbom'), { recursive: true });
    writeFileSync(join(cwd, 'badbom', 'model.yaml'), text);
    const r = tyl('rei', 'badbom');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /badbom\/model\.yaml:6:\d+: error\[bom\]: bill of materials of "a-b" must be a positive number/,
    );
  });
});

describe('flagship mitigations', () => {
  it('parse against the flagship and rank, none making exposure worse', () => {
    const r = tyl('mitigate', join(root, 'models', 'russia-belarus'), '--default-ttr', '365', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      mitigations: { id: string; reduction: number; rank: number }[];
      scope: string[];
    };
    expect(out.mitigations.length).toBeGreaterThanOrEqual(5);
    for (const m of out.mitigations) expect(m.reduction).toBeGreaterThanOrEqual(0);
    // The default scope is the focus country's nodes (BY).
    expect(out.scope).toContain('mzkt');
    expect(out.scope).not.toContain('kamaz');
  });
});
