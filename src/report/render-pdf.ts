// PDF rendering: the HTML report printed to PDF by Debian's chromium, driven through
// playwright-core (headless, a throwaway profile, no network: the page is self-contained).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { ReportDocument } from './report-document.js';
import { renderHtml } from './render-html.js';

export interface RenderPdfOptions {
  /** The chromium binary (default: Debian's). */
  executablePath?: string;
  format?: 'A4' | 'Letter';
}

const DEFAULTS = { executablePath: '/usr/bin/chromium', format: 'A4' as const };

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Prints an HTML page to PDF with headless chromium. */
export async function htmlToPdf(html: string, options: RenderPdfOptions = {}): Promise<Uint8Array> {
  const o = { ...DEFAULTS, ...options };
  const profile = mkdtempSync(join(tmpdir(), 'tyl-pdf-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: o.executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      offline: true,
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({
        format: o.format,
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate:
          '<div style="font-size:7pt;color:#777;width:100%;text-align:center;font-family:Helvetica,Arial,sans-serif"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
      });
      return new Uint8Array(pdf);
    } finally {
      await context.close();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * Renders a report document as PDF (the HTML rendering, printed by chromium).
 *
 * @example
 * writeFileSync('report.pdf', await renderPdf(doc));
 */
export async function renderPdf(doc: ReportDocument, options: RenderPdfOptions = {}): Promise<Uint8Array> {
  return htmlToPdf(renderHtml(doc), options);
}
