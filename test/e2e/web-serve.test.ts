// `tyl serve` end to end: the real CLI in a child process, on loopback, with a fresh workspace.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'workbench');

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'tyl.js'), ...args], {
    env: { ...process.env, TYL_TOKEN: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

describe('tyl serve', () => {
  it('ingests the model sources into a new workspace, serves the API and the page on loopback, and stops on SIGTERM', async () => {
    const ws = join(mkdtempSync(join(tmpdir(), 'tyl-serve-')), 'tyl.db');
    const p = run(['serve', FIXTURE, '--port', '0', '--workspace', ws]);
    let url: string | undefined;
    for (let i = 0; i < 600 && !url; i++) {
      url = /open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(p.out())?.[1];
      if (!url) await new Promise((r) => setTimeout(r, 100));
    }
    expect(url, p.err()).toBeDefined();
    expect(p.err()).toContain('ingested brief: 6 paragraphs');
    expect(await (await fetch(`${url}api/health`)).json()).toEqual({
      ok: true,
      name: 'tyl',
      model: 'workbench',
    });
    // Paragraphs now come from the workspace.
    const doc = (await (await fetch(`${url}api/sources/brief/document`)).json()) as { paragraphs: unknown[] };
    expect(doc.paragraphs).toHaveLength(6);
    const page = await fetch(url!);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('<title>tyl workbench</title>');
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });

  it('refuses to listen beyond loopback without TYL_TOKEN', async () => {
    const p = run([
      'serve',
      FIXTURE,
      '--port',
      '0',
      '--host',
      '0.0.0.0',
      '--workspace',
      join(mkdtempSync(join(tmpdir(), 'tyl-serve-')), 'tyl.db'),
    ]);
    expect(await p.exited).toBe(1);
    expect(p.err()).toMatch(/refusing to listen on 0\.0\.0\.0 without an access token/);
  });
});
