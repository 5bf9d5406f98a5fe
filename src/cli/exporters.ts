// Export formats, by name. `tyl export <format>` dispatches through this registry, whose keys also
// type the command's choices and its help; adding a format is one line here.
import type { Model } from '../model/types.js';
import { exportFtm } from '../interop/ftm-export.js';
import { exportGexf } from '../interop/gexf-export.js';
import { exportGraphml } from '../interop/graphml-export.js';
import { exportCsv } from '../interop/csv-export.js';

export interface ExportOptions {
  /** The date the model was sliced at, when it was. */
  asOf?: string;
}

/** Renders a (possibly sliced) model as the text of one export format. */
export type Exporter = (model: Model, options: ExportOptions) => string;

/** The whole normalised model, with every citation, as stable JSON. */
export function exportJson(model: Model, options: ExportOptions): string {
  const doc = {
    format: 'tyl-model',
    formatVersion: 1,
    ...(options.asOf ? { asOf: options.asOf } : {}),
    ...model,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

export const EXPORTERS: Record<string, Exporter> = {
  json: exportJson,
  ftm: (model) => exportFtm(model),
  gexf: (model, options) => exportGexf(model, options),
  graphml: (model, options) => exportGraphml(model, options),
  'csv-entities': (model) => exportCsv(model, { table: 'entities' }),
  'csv-relations': (model) => exportCsv(model, { table: 'relations' }),
  'csv-dependencies': (model) => exportCsv(model, { table: 'dependencies' }),
  'csv-sources': (model) => exportCsv(model, { table: 'sources' }),
};
