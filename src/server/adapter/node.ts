// The Node.js adapter: binds the workbench app to a TCP port. It listens on 127.0.0.1 unless told
// otherwise, and refuses any other address unless the operator has set an access token
// (TYL_TOKEN), which the app then checks on every API request.
import type { AddressInfo } from 'node:net';
import { createAdaptorServer, type ServerType } from '@hono/node-server';
import { UserError } from '../../model/problem.js';
import { createApp, type AppOptions } from '../app.js';

export interface ListenOptions {
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** Port (default 4317; 0 = any free port). */
  port?: number;
  /** Access token; required when `host` is not a loopback address. */
  token?: string;
}
const DEFAULTS = { host: '127.0.0.1', port: 4317 };

export interface RunningServer {
  /** The address to open, e.g. http://127.0.0.1:4317/ */
  url: string;
  host: string;
  port: number;
  server: ServerType;
  close(): Promise<void>;
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Starts the workbench server.
 * @example
 * const s = await listen({ model }, { port: 0 });
 * console.log(s.url);
 * await s.close();
 */
export async function listen(app: AppOptions, options: ListenOptions = {}): Promise<RunningServer> {
  const host = options.host ?? DEFAULTS.host;
  const port = options.port ?? DEFAULTS.port;
  const token = options.token;
  if (!isLoopback(host) && !token)
    throw new UserError(
      `server/listen: refusing to listen on ${host} without an access token; set TYL_TOKEN (and share it with the people you let in), or listen on 127.0.0.1`,
    );
  if (token !== undefined && token.length < 16)
    throw new UserError('server/listen: TYL_TOKEN must be at least 16 characters');
  const hono = createApp({ ...app, token: token ?? app.token });
  const server = createAdaptorServer({ fetch: hono.fetch, hostname: host });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE'
          ? new UserError(`server/listen: port ${port} on ${host} is in use; choose another with --port`)
          : e,
      ),
    );
    server.listen(port, host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${shown}:${addr.port}/`,
    host: addr.address,
    port: addr.port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        const s = server as ServerType & { closeAllConnections?: () => void };
        server.close(() => resolve());
        s.closeAllConnections?.();
      }),
  };
}
