export * from './report-document.js';
export { reportData, type ReportData, type ReportDataOptions } from './report-data.js';
export { levelBands, type LevelBandsResult, type LevelBand, type LevelBandsOptions } from './level-bands.js';
export { buildReport, type BuildReportOptions } from './build-report.js';
export { renderMarkdown } from './render-markdown.js';
export { renderHtml } from './render-html.js';
export { renderPdf, htmlToPdf } from './render-pdf.js';
export { dependencySvg, layoutDependencies } from './dependency-svg.js';
export { REPORT_FORMATS, REPORT_FORMAT_NAMES, type ReportFormat, type ReportFormatName } from './formats.js';
