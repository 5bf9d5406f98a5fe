// Scenario level curves: the P50 level of each capability over time as a line, with its P5–P95
// band shaded, drawn with Observable Plot (see plot-svg.ts).
import * as Plot from '@observablehq/plot';
import type { Figure } from './report-document.js';
import { PALETTE, plotSvg } from './plot-svg.js';

type LevelCurves = Extract<Figure, { kind: 'level-curves' }>;

/** SVG of a level-curves figure. */
export function levelChart(fig: LevelCurves, options: { width?: number; height?: number } = {}): string {
  const marks: Plot.Markish[] = [Plot.ruleY([0, 1], { stroke: '#999', strokeOpacity: 0.4 })];
  fig.series.forEach((s, k) => {
    const color = PALETTE[k % PALETTE.length];
    const rows = s.t.map((t, i) => ({ t, low: s.low[i], mid: s.mid[i], high: s.high[i] }));
    marks.push(
      Plot.areaY(rows, {
        x: 't',
        y1: 'low',
        y2: 'high',
        fill: color,
        fillOpacity: 0.16,
        curve: 'step-after',
      }),
    );
    marks.push(Plot.lineY(rows, { x: 't', y: 'mid', stroke: color, strokeWidth: 1.8, curve: 'step-after' }));
  });
  return plotSvg({
    width: options.width ?? 680,
    height: options.height ?? 240,
    marginLeft: 44,
    marginRight: 16,
    style: { fontSize: '11px', fontFamily: 'Helvetica, Arial, sans-serif', background: 'white' },
    x: { domain: [0, fig.horizon], label: 'days from the start of the scenario →', labelAnchor: 'right' },
    y: { domain: [0, 1.02], label: '↑ operability level', grid: true, tickFormat: '.1f' },
    marks,
  });
}
