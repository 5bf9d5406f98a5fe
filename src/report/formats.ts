// The report formats, by name. The registry's keys type the CLI's --format choices, so a format
// added here is offered by `tyl report` and documented in its help at once. Renderers load on
// demand, so listing the formats (every CLI start does) costs no chart or browser library.
import type { ReportDocument } from './report-document.js';

export interface ReportFormat {
  description: string;
  extension: string;
  mediaType: string;
  /** True when the output is bytes, not text. */
  binary: boolean;
  render(doc: ReportDocument): Promise<string | Uint8Array>;
}

export const REPORT_FORMATS = {
  html: {
    description: 'one self-contained HTML page (inline CSS and SVG)',
    extension: 'html',
    mediaType: 'text/html',
    binary: false,
    render: async (doc) => (await import('./render-html.js')).renderHtml(doc),
  },
  md: {
    description: 'Markdown (GitHub-flavoured; the dependency picture as Mermaid)',
    extension: 'md',
    mediaType: 'text/markdown',
    binary: false,
    render: async (doc) => (await import('./render-markdown.js')).renderMarkdown(doc),
  },
  pdf: {
    description: 'PDF, the HTML page printed by chromium',
    extension: 'pdf',
    mediaType: 'application/pdf',
    binary: true,
    render: async (doc) => (await import('./render-pdf.js')).renderPdf(doc),
  },
} as const satisfies Record<string, ReportFormat>;

export type ReportFormatName = keyof typeof REPORT_FORMATS;

/** The format names, for option choices. */
export const REPORT_FORMAT_NAMES = Object.keys(REPORT_FORMATS) as ReportFormatName[];
