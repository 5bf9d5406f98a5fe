// Serves the built web client (web/dist) from a folder: content types, immutable caching of
// hashed assets, index.html for `/`, and no path may leave the folder.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

/** The Content-Security-Policy of the workbench page: nothing leaves the machine. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self' blob:; child-src blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** A Hono handler serving files under `root`. */
export function staticFiles(root: string) {
  const base = resolve(root);
  return async (c: Context) => {
    let path = decodeURIComponent(new URL(c.req.url).pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep))
      return c.json({ code: 'not-found', message: `${path}: not found` }, 404);
    try {
      const st = await stat(file);
      if (!st.isFile()) throw new Error('not a file');
      const body = await readFile(file);
      const headers: Record<string, string> = {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      };
      headers['Cache-Control'] = path.startsWith('/assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache';
      if (extname(file) === '.html') headers['Content-Security-Policy'] = CSP;
      return c.body(body, 200, headers);
    } catch {
      return c.json({ code: 'not-found', message: `${path}: not found` }, 404);
    }
  };
}
