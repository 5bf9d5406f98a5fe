// PDF rendering: the HTML report printed to PDF by Debian's chromium, driven through
// playwright-core (headless, a throwaway profile, no network: the page is self-contained).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserType } from 'playwright-core';
import type { ReportDocument } from './report-document.js';
import { UserError } from '../model/problem.js';
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
  // Loaded on demand: the other formats, and every other command, do not need a browser driver.
  let chromium: BrowserType;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new UserError(
      'report/pdf: the PDF format needs the playwright-core package (npm install playwright-core)',
    );
  }
  if (!existsSync(o.executablePath))
    throw new UserError(
      `report/pdf: no chromium at ${o.executablePath} (on Debian: apt-get install chromium); html and md need no browser`,
    );
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
