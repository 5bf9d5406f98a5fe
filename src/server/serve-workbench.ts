// Starts the workbench for a model: opens (or creates) the SQLite workspace, ingests the model's
// source documents that have a local file and are not in it yet, builds the web client when it is
// missing, wires the engine's analyses, and listens (127.0.0.1 unless a token allows more).
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ingestFiles } from '../evidence/ingest-files.js';
import { modelGazetteer } from '../evidence/model-gazetteer.js';
import type { Model } from '../model/types.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';
import { UserError } from '../model/problem.js';
import { isLoopback, listen, type RunningServer } from './adapter/node.js';
import { ensureWebBuilt } from './build-web.js';
import { engineAnalyses } from './engine-analyses.js';

export interface ServeOptions {
  model: Model;
  modelPath: string;
  /** Workspace file; none = no workspace (documents from files, runs in memory). */
  workspace?: string;
  host?: string;
  port?: number;
  token?: string;
  /** Serve the web client (building it if needed); default true. */
  web?: boolean;
  /** A built web client to serve instead of web/dist. */
  webRoot?: string;
  /** Ingest missing source documents into the workspace; default true. */
  ingest?: boolean;
  /** Progress notes (to stderr in the CLI). */
  log?: (line: string) => void;
  actor?: string;
}

export interface ServingWorkbench extends RunningServer {
  store?: Store;
  /** Stops the server and closes the workspace. */
  stop(): Promise<void>;
}

/** Starts the workbench; resolves once it is listening. */
export async function serveWorkbench(options: ServeOptions): Promise<ServingWorkbench> {
  const { model, modelPath } = options;
  const log = options.log ?? (() => {});
  if (options.host && !isLoopback(options.host) && !options.token)
    throw new UserError(
      `server/listen: refusing to listen on ${options.host} without an access token; set TYL_TOKEN (and share it with the people you let in), or listen on 127.0.0.1`,
    );
  let store: Store | undefined;
  if (options.workspace) {
    store = openSqliteStore(options.workspace, { create: true });
    if (options.ingest !== false) {
      const base = existsSync(modelPath) && statSync(modelPath).isFile() ? dirname(modelPath) : modelPath;
      for (const s of model.sources) {
        if (!s.file) continue;
        const file = isAbsolute(s.file) ? s.file : resolve(base, s.file);
        if (!existsSync(file) || (await store.getDocument(s.id))) continue;
        try {
          const [r] = await ingestFiles(store, [file], {
            gazetteer: modelGazetteer(model),
            source: s.id,
            actor: options.actor ?? 'tyl',
          });
          log(`ingested ${s.id}: ${r.paragraphs} paragraphs, ${r.mentions - r.candidates} entity mentions`);
        } catch (e) {
          log(`could not ingest ${s.id} (${file}): ${(e as Error).message}`);
        }
      }
    }
  }
  let webRoot = options.webRoot;
  if (options.web !== false && !webRoot) {
    const w = await ensureWebBuilt();
    if (w.built) log(`built the web client into ${w.dist}`);
    webRoot = w.dist;
  }
  try {
    const analyses = engineAnalyses(modelPath);
    const server = await listen(
      { model, modelPath, store, webRoot, analyses },
      { host: options.host, port: options.port, token: options.token },
    );
    // Warm the structural analysis (cut sets, exposure, REI) at the model's date in the background,
    // so the first analyst to open the graph or the vulnerabilities does not wait for it.
    setImmediate(
      () => void Promise.resolve(analyses.structure?.(model, { maxOrder: 2 })).catch(() => undefined),
    );
    return {
      ...server,
      store,
      async stop() {
        await server.close();
        await store?.close();
      },
    };
  } catch (e) {
    await store?.close();
    throw e;
  }
}
