// Vite build of the workbench client: web/ -> web/dist, served by the tyl server at `/`.
// MapLibre's worker is a separate module; an alias lets the client import its URL (`?url`) so the
// worker is emitted as an asset and loaded from the same origin (no CDN, no network).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/',
  logLevel: 'warn',
  resolve: {
    alias: [
      {
        find: /^maplibre-gl-worker(?=\?|$)/,
        replacement: here('../node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs'),
      },
    ],
  },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
    target: 'es2022',
  },
});
