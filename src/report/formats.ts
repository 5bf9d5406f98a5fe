// The report formats, by name. The registry's keys type the CLI's --format choices, so a format
// added here is offered by `tyl report` and documented in its help at once.
import type { ReportDocument } from './report-document.js';
import { renderMarkdown } from './render-markdown.js';
import { renderHtml } from './render-html.js';
import { renderPdf } from './render-pdf.js';

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
    render: async (doc) => renderHtml(doc),
  },
  md: {
    description: 'Markdown (GitHub-flavoured; the dependency picture as Mermaid)',
    extension: 'md',
    mediaType: 'text/markdown',
    binary: false,
    render: async (doc) => renderMarkdown(doc),
  },
  pdf: {
    description: 'PDF, the HTML page printed by chromium',
    extension: 'pdf',
    mediaType: 'application/pdf',
    binary: true,
    render: (doc) => renderPdf(doc),
  },
} as const satisfies Record<string, ReportFormat>;

export type ReportFormatName = keyof typeof REPORT_FORMATS;

/** The format names, for option choices. */
export const REPORT_FORMAT_NAMES = Object.keys(REPORT_FORMATS) as ReportFormatName[];
