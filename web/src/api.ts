// The live client of the workbench API. Response types come from the server's contract
// (src/server/contract.ts), so the client and the server cannot drift apart.
import type { ApiError, ResponseOf, RouteName, StartJob } from '../../src/server/contract.js';

/** An API error, with the server's stable code. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'tyl-token';

/** The access token, from `#token=…` on first load (then kept for the tab session), if any. */
function token(): string | null {
  const m = /(?:^|[#&])token=([^&]+)/.exec(location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1]));
    history.replaceState(null, '', location.href.replace(/([#&])token=[^&]+&?/, '$1'));
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

async function call<K extends RouteName>(
  _route: K,
  path: string,
  init: RequestInit = {},
): Promise<ResponseOf<K>> {
  const headers = new Headers(init.headers);
  let t = token();
  for (let attempt = 0; attempt < 2; attempt++) {
    if (t) headers.set('Authorization', `Bearer ${t}`);
    const res = await fetch(path, { ...init, headers });
    if (res.status === 401 && attempt === 0) {
      t = prompt('This workbench needs its access token (TYL_TOKEN):');
      if (!t) break;
      sessionStorage.setItem(TOKEN_KEY, t);
      continue;
    }
    const body = (await res
      .json()
      .catch(() => ({ code: 'bad-response', message: `${path}: not JSON` }))) as unknown;
    if (!res.ok) {
      const e = body as ApiError;
      throw new ApiFailure(res.status, e.code, e.message);
    }
    return body as ResponseOf<K>;
  }
  throw new ApiFailure(401, 'unauthorized', 'no access token');
}

const qs = (params: Record<string, string | number | undefined>) => {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
};
const enc = encodeURIComponent;

export const api = {
  model: () => call('model', '/api/model'),
  entities: (
    q: { kind?: string; country?: string; tag?: string; q?: string; asOf?: string; limit?: number } = {},
  ) => call('entities', `/api/entities${qs(q)}`),
  entity: (id: string) => call('entity', `/api/entities/${enc(id)}`),
  graph: (asOf?: string) => call('graph', `/api/graph${qs({ asOf })}`),
  timeline: () => call('timeline', '/api/timeline'),
  search: (q: string, limit = 12) => call('search', `/api/search${qs({ q, limit })}`),
  evidence: (id: string) => call('evidence', `/api/evidence/${enc(id)}`),
  document: (source: string) => call('document', `/api/sources/${enc(source)}/document`),
  structure: (q: { asOf?: string; on?: string; maxOrder?: number } = {}) =>
    call('structure', `/api/structure${qs(q)}`),
  scenarios: () => call('scenarios', '/api/scenarios'),
  scenario: (name: string) => call('scenario', `/api/scenarios/${enc(name)}`),
  startJob: (body: StartJob) =>
    call('startJob', '/api/jobs', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  job: (id: string) => call('job', `/api/jobs/${enc(id)}`),
  cancelJob: (id: string) => call('cancelJob', `/api/jobs/${enc(id)}`, { method: 'DELETE' }),
  runs: () => call('runs', '/api/runs'),
  run: (id: string) => call('run', `/api/runs/${enc(id)}`),
};
