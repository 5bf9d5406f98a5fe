// Tornado diagram: for each uncertain input, the output at the input's low and high bound (every
// other input nominal), as bars either side of the nominal output; widest swing on top.
import * as Plot from '@observablehq/plot';
import type { Figure } from './report-document.js';
import { PALETTE, labelMargin, plotSvg, shortLabel } from './plot-svg.js';

type Tornado = Extract<Figure, { kind: 'tornado' }>;

/** SVG of a tornado figure. */
export function tornadoChart(fig: Tornado, options: { width?: number } = {}): string {
  const labels = fig.rows.map((r, i) => `${i + 1}. ${shortLabel(r.label, 46)}`);
  const rows = fig.rows.flatMap((r, i) => [
    { label: labels[i], from: fig.nominal, to: r.low, end: 'input at low bound' },
    { label: labels[i], from: fig.nominal, to: r.high, end: 'input at high bound' },
  ]);
  return plotSvg({
    width: options.width ?? 680,
    height: 56 + 24 * labels.length,
    marginLeft: labelMargin(labels),
    marginRight: 20,
    style: { fontSize: '11px', fontFamily: 'Helvetica, Arial, sans-serif', background: 'white' },
    x: { label: `${fig.unit} →`, grid: true },
    y: { domain: labels, label: null },
    color: { domain: ['input at low bound', 'input at high bound'], range: [PALETTE[0], PALETTE[1]] },
    marks: [
      Plot.barX(rows, { x1: 'from', x2: 'to', y: 'label', fill: 'end', fillOpacity: 0.8 }),
      Plot.ruleX([fig.nominal], { stroke: '#222', strokeWidth: 1.2 }),
    ],
  });
}
