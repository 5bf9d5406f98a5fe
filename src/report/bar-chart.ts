// Horizontal bars of shares (exposure of each capability), drawn with Observable Plot.
import * as Plot from '@observablehq/plot';
import type { Figure } from './report-document.js';
import { PALETTE, labelMargin, plotSvg, shortLabel } from './plot-svg.js';

type Bars = Extract<Figure, { kind: 'bars' }>;

/** SVG of a bars figure (values are shares in 0..1, shown as percentages). */
export function barChart(fig: Bars, options: { width?: number } = {}): string {
  const labels = fig.rows.map((r) => shortLabel(r.label, 44));
  const rows = fig.rows.map((r, i) => ({ label: labels[i], value: r.value }));
  return plotSvg({
    width: options.width ?? 680,
    height: 30 + 22 * rows.length,
    marginLeft: labelMargin(labels),
    marginRight: 40,
    style: { fontSize: '11px', fontFamily: 'Helvetica, Arial, sans-serif', background: 'white' },
    x: { domain: [0, 1], label: 'share of the requirement →', tickFormat: '.0%', grid: true },
    y: { domain: labels, label: null },
    marks: [
      Plot.barX(rows, { x: 'value', y: 'label', fill: PALETTE[0], fillOpacity: 0.85 }),
      Plot.text(rows, {
        x: 'value',
        y: 'label',
        text: (d: { value: number }) => `${Math.round(d.value * 100)}%`,
        textAnchor: 'start',
        dx: 4,
      }),
      Plot.ruleX([0]),
    ],
  });
}
