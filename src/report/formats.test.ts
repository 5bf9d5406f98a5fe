// One contract for every registered format: it renders a hand-made document with every block type,
// and the title, a finding, a table cell and an estimate survive into the output (PDF: through
// pdftotext). Format-specific checks (escaping, Mermaid, self-containment) follow.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportDocument } from './report-document.js';
import { REPORT_FORMATS, REPORT_FORMAT_NAMES } from './formats.js';
import { renderMarkdown } from './render-markdown.js';
import { renderHtml } from './render-html.js';

const doc: ReportDocument = {
  title: 'Contract report',
  subtitle: 'What A rests on',
  parameters: [
    { label: 'Seed', value: '7' },
    { label: 'Run date', value: '2026-01-01' },
  ],
  sections: [
    {
      id: 'findings',
      title: 'Key findings',
      blocks: [
        { type: 'paragraph', text: 'A **bold** claim & <markup>.' },
        {
          type: 'findings',
          findings: [
            {
              id: 'f1',
              text: 'Losing Plant P stops Capability C.',
              numbers: [
                {
                  label: 'days lost',
                  unit: 'capability-days',
                  nominal: 10,
                  p: { '5': 2, '50': 9.5, '95': 20 },
                },
              ],
              cite: [{ source: 'brief', section: 'industry', paragraph: 3, to: 4 }],
            },
          ],
        },
      ],
    },
    {
      id: 'figures',
      title: 'Figures',
      blocks: [
        {
          type: 'figure',
          id: 'g',
          caption: 'The graph',
          figure: {
            kind: 'dependency-graph',
            exposedCountry: 'SL',
            nodes: [
              {
                id: 'c',
                name: 'Capability C',
                kind: 'capability',
                country: 'NL',
                role: 'capability',
                exposed: false,
              },
              { id: 'p', name: 'Plant P', kind: 'facility', country: 'SL', role: 'spof', exposed: true },
            ],
            edges: [{ from: 'p', to: 'c', input: 'parts' }],
          },
        },
        {
          type: 'figure',
          id: 'l',
          caption: 'Levels',
          figure: {
            kind: 'level-curves',
            scenario: 's',
            horizon: 3,
            band: [5, 50, 95],
            samples: 10,
            series: [
              {
                id: 'c',
                name: 'Capability C',
                t: [0, 1, 2],
                low: [1, 0.2, 0.5],
                mid: [1, 0.4, 0.8],
                high: [1, 0.6, 1],
              },
            ],
          },
        },
        {
          type: 'figure',
          id: 'b',
          caption: 'Bars',
          figure: { kind: 'bars', unit: 'share', rows: [{ label: 'Capability C', value: 0.6 }] },
        },
        {
          type: 'figure',
          id: 't',
          caption: 'Tornado',
          figure: {
            kind: 'tornado',
            output: 'C',
            metric: 'daysLost',
            unit: 'capability-days',
            nominal: 10,
            rows: [{ label: 'share of P', low: 4, high: 16 }],
          },
        },
        {
          type: 'table',
          caption: 'Estimates',
          columns: ['element', 'value'],
          align: ['l', 'r'],
          rows: [['P | Q', '20% (estimate)']],
        },
        { type: 'list', items: ['[brief] *A brief*, 2021.'] },
      ],
    },
  ],
};

describe.each(REPORT_FORMAT_NAMES)('format %s (contract)', (name) => {
  it('renders every block, keeping the title, finding, table cell and estimate', async () => {
    const out = await REPORT_FORMATS[name].render(doc);
    let text: string;
    if (REPORT_FORMATS[name].binary) {
      expect(out).toBeInstanceOf(Uint8Array);
      const dir = mkdtempSync(join(tmpdir(), 'tyl-format-'));
      try {
        writeFileSync(join(dir, 'r.pdf'), out);
        const r = spawnSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
        expect(r.status).toBe(0);
        text = r.stdout;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } else text = out as string;
    for (const s of [
      'Contract report',
      'Losing Plant P stops Capability C.',
      'brief §industry ¶3–4',
      '(estimate)',
      'Key findings',
    ])
      expect(text).toContain(s);
  }, 120_000);
});

describe('format specifics', () => {
  it('Markdown escapes pipes in cells and draws the graph in Mermaid', () => {
    const md = renderMarkdown(doc);
    expect(md).toContain('| P \\| Q | 20% (estimate) |');
    expect(md).toContain('| element | value |\n| --- | ---: |');
    expect(md).toContain('n_p --> n_c');
    expect(md).toContain('days lost: P50 9.5 capability-days (P5 2 – P95 20; nominal 10)');
  });

  it('HTML escapes text, keeps the two inline marks, and draws every figure as SVG', () => {
    const html = renderHtml(doc);
    expect(html).toContain('A <strong>bold</strong> claim &amp; &lt;markup&gt;.');
    expect(html).toContain('<span class="estimate">(estimate)</span>');
    expect(html.match(/<svg/g)?.length).toBe(4);
    expect(html).not.toMatch(/<script|<link|\bsrc=/i);
  });
});
