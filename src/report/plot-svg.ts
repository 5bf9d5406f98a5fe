// Observable Plot, server-side: Plot builds its SVG through the `document` it is given, here a
// linkedom document (no browser needed). Returns the SVG markup with ids and floats made stable so
// golden files compare across runs.
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/** Series colours, shared by the charts and the legends the renderers draw. */
export const PALETTE = ['#1f5f99', '#c0392b', '#d68910', '#239b56', '#7d3c98', '#5d6d7e'];

let doc: Document | undefined;

/** Renders a Plot specification to an SVG string (no legend: renderers draw their own). */
export function plotSvg(options: Plot.PlotOptions): string {
  doc ??= parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
  const el = Plot.plot({ ...options, document: doc }) as unknown as Element;
  return el.outerHTML.replace(/(\d+\.\d{3})\d+/g, '$1');
}

/** Left margin that fits the longest of `labels` at the charts' 11px font (capped). */
export function labelMargin(labels: string[], max = 330): number {
  return Math.min(max, Math.ceil(14 + 6.4 * Math.max(0, ...labels.map((l) => l.length))));
}

/** Shortens a label to `n` characters with an ellipsis. */
export function shortLabel(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
