// Builds the web client (web/ -> web/dist) with Vite's JavaScript API when it is missing, so that
// `tyl serve` and `npm start` work from a fresh checkout without a separate build step.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's web/ folder. */
export const WEB_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web');

export interface BuildWebOptions {
  /** Rebuild even when web/dist exists. */
  force?: boolean;
  /** The web/ folder (default: the repository's). */
  webDir?: string;
  /** Build into this folder instead of web/dist (tests build into a temporary folder). */
  outDir?: string;
}

/** Ensures web/dist holds a build; returns its path and whether it was built now. */
export async function ensureWebBuilt(
  options: BuildWebOptions = {},
): Promise<{ dist: string; built: boolean }> {
  const webDir = options.webDir ?? WEB_DIR;
  const dist = options.outDir ?? join(webDir, 'dist');
  if (!options.force && existsSync(join(dist, 'index.html'))) return { dist, built: false };
  const config = join(webDir, 'vite.config.ts');
  if (!existsSync(config)) throw new Error(`server/build-web: ${config} not found`);
  const { build } = await import('vite');
  await build({ configFile: config, logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
  return { dist, built: true };
}
