// HTML rendering of a report document: one self-contained file (inline CSS, inline SVG figures, no
// script, no external resource), laid out for the screen and for A4 print (render-pdf.ts prints it).
import type { Block, Figure, Finding, ReportDocument } from './report-document.js';
import { citeText, fmt } from './format-values.js';
import { dependencySvg } from './dependency-svg.js';
import { levelChart } from './level-chart.js';
import { barChart } from './bar-chart.js';
import { tornadoChart } from './tornado-chart.js';
import { PALETTE } from './plot-svg.js';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Escapes text, then applies the two inline marks the builder uses: **strong** and *emphasis*. */
function inline(s: string): string {
  return esc(s)
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\*([^*]+)\*/g, '<em>$1</em>');
}

const CSS = `
:root { --ink: #1b2631; --muted: #5d6d7e; --rule: #d5d8dc; --accent: #1f5f99; --estimate: #9a6700; }
* { box-sizing: border-box; }
body { font-family: Georgia, 'DejaVu Serif', serif; color: var(--ink); margin: 0; background: #fff; line-height: 1.45; font-size: 10.5pt; }
main { max-width: 190mm; margin: 0 auto; padding: 12mm 8mm; }
h1, h2, h3, .params, table, figcaption, .numbers, .cite, nav { font-family: Helvetica, Arial, 'DejaVu Sans', sans-serif; }
h1 { font-size: 21pt; margin: 0 0 2mm; color: var(--accent); letter-spacing: -0.01em; }
.subtitle { font-size: 12pt; color: var(--muted); margin: 0 0 6mm; }
h2 { font-size: 14pt; border-bottom: 2px solid var(--accent); padding-bottom: 1mm; margin: 9mm 0 3mm; break-after: avoid; }
.params { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 5mm; font-size: 9pt; border: 1px solid var(--rule); border-radius: 4px; padding: 3mm 4mm; background: #f8f9f9; }
.params dt { color: var(--muted); } .params dd { margin: 0; }
nav { font-size: 9pt; margin: 5mm 0; } nav ol { columns: 2; margin: 0; padding-left: 5mm; }
nav a { color: var(--accent); text-decoration: none; }
ol.findings { padding-left: 8mm; } ol.findings > li { margin-bottom: 3.5mm; break-inside: avoid; }
.numbers { font-size: 8.5pt; border-collapse: collapse; margin: 1.5mm 0 1mm; }
.numbers td, .numbers th { padding: 0.6mm 2.5mm 0.6mm 0; text-align: right; border-bottom: 1px solid #eee; }
.numbers td:first-child, .numbers th:first-child { text-align: left; }
.cite { font-size: 8.5pt; color: var(--muted); }
table.data { width: 100%; border-collapse: collapse; font-size: 8.3pt; margin: 2mm 0 4mm; }
table.data caption { text-align: left; font-style: italic; color: var(--muted); padding-bottom: 1mm; caption-side: top; }
table.data th { text-align: left; border-bottom: 1.5px solid var(--ink); padding: 1mm 2mm 1mm 0; vertical-align: bottom; }
table.data td { border-bottom: 1px solid var(--rule); padding: 1mm 2mm 1mm 0; vertical-align: top; }
table.data .r { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
figure { margin: 3mm 0 5mm; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { font-size: 8.5pt; color: var(--muted); margin-top: 1.5mm; }
.legend { font-size: 8.5pt; display: flex; flex-wrap: wrap; gap: 1mm 5mm; margin-top: 1mm; font-family: Helvetica, Arial, sans-serif; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 1.5mm; vertical-align: -1px; border-radius: 2px; }
.estimate { color: var(--estimate); font-weight: bold; }
footer { margin-top: 10mm; font-size: 8pt; color: var(--muted); border-top: 1px solid var(--rule); padding-top: 2mm; }
@page { size: A4; margin: 14mm 12mm 16mm; }
@media print { main { padding: 0; max-width: none; } h2 { break-before: auto; } a { color: inherit; } }
`;

function numbers(f: Finding): string {
  if (!f.numbers.length) return '';
  const anyP = f.numbers.some((n) => n.p);
  const val = (n: Finding['numbers'][number], x: number | null | undefined) =>
    n.unit === 'share' ? (x === null || x === undefined ? 'never' : `${fmt(x * 100, 0)}%`) : fmt(x, 2);
  const head = anyP ? '<tr><th></th><th>P5</th><th>P50</th><th>P95</th><th>nominal</th></tr>' : '';
  const rows = f.numbers.map((n) => {
    const unit = ['share', 'count', 'level', 'rho'].includes(n.unit)
      ? ''
      : ` <span class="cite">${esc(n.unit)}</span>`;
    if (!anyP) return `<tr><td>${esc(n.label)}</td><td>${val(n, n.nominal)}${unit}</td></tr>`;
    const ks = n.p
      ? Object.keys(n.p)
          .map(Number)
          .sort((a, b) => a - b)
      : [];
    const p = (k: number | undefined) => (n.p && k !== undefined ? val(n, n.p[String(k)]) : '–');
    return `<tr><td>${esc(n.label)}${unit}</td><td>${p(ks[0])}</td><td>${p(n.p ? 50 : undefined)}</td><td>${p(ks[ks.length - 1])}</td><td>${val(n, n.nominal)}</td></tr>`;
  });
  return `<table class="numbers">${head}${rows.join('')}</table>`;
}

function legend(items: { label: string; color: string }[]): string {
  return `<div class="legend">${items.map((i) => `<span><i style="background:${i.color}"></i>${esc(i.label)}</span>`).join('')}</div>`;
}

function figure(id: string, caption: string, fig: Figure): string {
  let body = '';
  switch (fig.kind) {
    case 'dependency-graph':
      body = dependencySvg(fig);
      break;
    case 'level-curves':
      body =
        levelChart(fig) +
        legend(fig.series.map((s, k) => ({ label: s.name, color: PALETTE[k % PALETTE.length] })));
      break;
    case 'bars':
      body = barChart(fig);
      break;
    case 'tornado':
      body =
        tornadoChart(fig) +
        legend([
          { label: 'input at the low end of its range', color: PALETTE[0] },
          { label: 'input at the high end of its range', color: PALETTE[1] },
          { label: `black line: all inputs nominal (${fmt(fig.nominal)} ${fig.unit})`, color: '#222' },
        ]);
      break;
  }
  return `<figure id="${esc(id)}">${body}<figcaption>${inline(caption)}</figcaption></figure>`;
}

const markEstimates = (s: string) =>
  inline(s).replace(/\(estimate\)/g, '<span class="estimate">(estimate)</span>');

function block(b: Block): string {
  switch (b.type) {
    case 'paragraph':
      return `<p>${inline(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${inline(i)}</li>`).join('')}</ul>`;
    case 'findings':
      return `<ol class="findings">${b.findings
        .map(
          (f) =>
            `<li id="finding-${esc(f.id)}"><div>${inline(f.text)}</div>${numbers(f)}<div class="cite">Sources: ${f.cite.length ? esc(f.cite.map(citeText).join('; ')) : 'none cited in the model for this finding'}</div></li>`,
        )
        .join('')}</ol>`;
    case 'table':
      return `<table class="data">${b.caption ? `<caption>${inline(b.caption)}</caption>` : ''}<thead><tr>${b.columns.map((c, k) => `<th class="${b.align[k] ?? 'l'}">${esc(c)}</th>`).join('')}</tr></thead><tbody>${b.rows.map((r) => `<tr>${r.map((c, k) => `<td class="${b.align[k] ?? 'l'}">${markEstimates(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
    case 'figure':
      return figure(b.id, b.caption, b.figure);
  }
}

/**
 * Renders a report document as one self-contained HTML page.
 *
 * @example
 * writeFileSync('report.html', renderHtml(buildReport(data, model, { date: '2026-11-25' })));
 */
export function renderHtml(doc: ReportDocument): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(doc.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body><main>',
    `<header><h1>${esc(doc.title)}</h1><p class="subtitle">${esc(doc.subtitle)}</p>`,
    `<dl class="params">${doc.parameters.map((p) => `<dt>${esc(p.label)}</dt><dd>${esc(p.value)}</dd>`).join('')}</dl></header>`,
    `<nav><strong>Contents</strong><ol>${doc.sections.map((s) => `<li><a href="#${esc(s.id)}">${esc(s.title)}</a></li>`).join('')}</ol></nav>`,
    ...doc.sections.map(
      (s) =>
        `<section id="${esc(s.id)}"><h2>${esc(s.title)}</h2>\n${s.blocks.map(block).join('\n')}</section>`,
    ),
    '<footer>Generated by tyl. Numbers are computed from the model and its scenarios; values marked <span class="estimate">(estimate)</span> are the analyst’s, not a source’s.</footer>',
    '</main></body>',
    '</html>',
    '',
  ].join('\n');
}
