import type { Command } from '../command.js';
import { println } from '../command.js';
import { MODEL_ARG, loadModelArg, modelPath } from '../model-arg.js';
import { WORKSPACE_OPTION, workspacePath } from '../workspace-arg.js';
import { serveWorkbench, type ServingWorkbench } from '../../server/serve-workbench.js';

/** Waits for SIGINT/SIGTERM (or an abort), then stops the server. */
export function untilStopped(server: ServingWorkbench, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.stop().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
}

export const serve: Command = {
  name: 'serve',
  summary:
    'Serve the web workbench for a model on 127.0.0.1 (graph, map, timeline, scenarios, vulnerabilities, evidence)',
  description:
    'Opens the SQLite workspace (created if missing) and ingests the model sources that have a local file, builds the web client if needed, ' +
    'and serves the workbench and its API (OpenAPI at /api/openapi.json). It listens on 127.0.0.1 unless --host says otherwise; any other ' +
    'address needs an access token in $TYL_TOKEN, checked on every API request (open the printed address with #token=… or enter it when asked).',
  args: [MODEL_ARG],
  options: {
    port: {
      type: 'number',
      value: 'PORT',
      default: 4317,
      description: 'port to listen on (0 = any free port)',
    },
    host: {
      type: 'string',
      value: 'HOST',
      default: '127.0.0.1',
      description: 'address to bind; other than loopback requires $TYL_TOKEN',
    },
    workspace: WORKSPACE_OPTION,
  },
  examples: [
    'tyl serve',
    'tyl serve models/my-model --port 8080',
    'TYL_TOKEN=$(openssl rand -hex 24) tyl serve --host 0.0.0.0',
  ],
  async run({ args, options, stdout, stderr, cwd, env }) {
    const model = loadModelArg(args[0], cwd);
    const server = await serveWorkbench({
      model,
      modelPath: modelPath(args[0], cwd),
      workspace: workspacePath(options.workspace, cwd, env),
      host: options.host as string | undefined,
      port: options.port as number | undefined,
      token: env.TYL_TOKEN || undefined,
      log: (l) => println(stderr, `tyl serve: ${l}`),
      actor: env.TYL_USER || env.USER || 'tyl',
    });
    println(stdout, `tyl workbench: ${model.meta.title}`);
    println(
      stdout,
      `open ${server.url}${env.TYL_TOKEN ? '  (API requests need the bearer token in $TYL_TOKEN)' : ''}`,
    );
    println(stderr, 'press Ctrl+C to stop');
    await untilStopped(server);
    return 0;
  },
};
