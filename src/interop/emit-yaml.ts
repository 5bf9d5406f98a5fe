// A small, fast YAML emitter for the plain data tyl writes (imported models can run to a million
// entities, where a general-purpose serialiser is the bottleneck). Block style for mappings and
// sequences of mappings, flow style for short scalar lists and small scalar-only mappings; strings
// are plain when unambiguous and JSON-quoted otherwise (a JSON string is a valid YAML
// double-quoted scalar).

type Scalar = string | number | boolean | null;
/** Plain data the emitter accepts (undefined members are skipped). */
export type YamlValue = Scalar | undefined | YamlValue[] | { [k: string]: YamlValue };

const PLAIN = /^[A-Za-z_][A-Za-z0-9_ .,()'/&+-]*$/;
const PLAIN_FLOW = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n)$/i;
// Characters YAML 1.1 readers treat as line breaks or that must be escaped inside quotes.
const UNSAFE = /[\u007f-\u009f\u2028\u2029\ufeff]/g;

function quote(s: string): string {
  return JSON.stringify(s).replace(UNSAFE, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

function scalar(v: Scalar | undefined, flow: boolean): string {
  if (v === undefined) return 'null';
  if (v === null) return 'null';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`interop/yaml: cannot write the number ${v}`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const ok = (flow ? PLAIN_FLOW : PLAIN).test(v) && !RESERVED.test(v) && !v.endsWith(' ');
  return ok ? v : quote(v);
}

const keyCache = new Map<string, string>();

function key(k: string): string {
  let out = keyCache.get(k);
  if (out === undefined) {
    out = PLAIN_KEY.test(k) && !RESERVED.test(k) ? k : quote(k);
    if (keyCache.size < 10_000) keyCache.set(k, out);
  }
  return out;
}

const isScalar = (v: YamlValue): v is Scalar | undefined => v === null || typeof v !== 'object';

function defined(o: { [k: string]: YamlValue }): [string, YamlValue][] {
  const out: [string, YamlValue][] = [];
  for (const k in o) {
    if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
    const v = o[k];
    if (v !== undefined) out.push([k, v]);
  }
  return out;
}

/** Small mappings of scalars (citations, ranges) read best on one line. */
function flowable(entries: [string, YamlValue][]): boolean {
  if (entries.length === 0 || entries.length > 6) return false;
  for (const [, v] of entries) if (!isScalar(v) || (typeof v === 'string' && v.length > 60)) return false;
  return true;
}

function flowMap(entries: [string, YamlValue][]): string {
  let s = '{ ';
  for (let i = 0; i < entries.length; i++)
    s += (i ? ', ' : '') + key(entries[i][0]) + ': ' + scalar(entries[i][1] as Scalar, true);
  return s + ' }';
}

/** Lines of a value placed after `key:` (inline part) or as block lines indented by `indent`. */
function emitInto(out: string[], prefix: string, v: YamlValue, indent: string): void {
  if (isScalar(v)) {
    out.push(prefix + ' ' + scalar(v, false));
    return;
  }
  if (Array.isArray(v)) {
    const items = v.filter((x) => x !== undefined);
    if (!items.length) return void out.push(prefix + ' []');
    if (items.every(isScalar)) {
      const line = '[' + items.map((x) => scalar(x as Scalar, true)).join(', ') + ']';
      if (line.length <= 100) return void out.push(prefix + ' ' + line);
    }
    out.push(prefix);
    for (const item of items) emitItem(out, item, indent);
    return;
  }
  const entries = defined(v);
  if (!entries.length) return void out.push(prefix + ' {}');
  if (prefix.length < 40 && flowable(entries)) return void out.push(prefix + ' ' + flowMap(entries));
  out.push(prefix);
  for (const [k, x] of entries) emitInto(out, indent + key(k) + ':', x, indent + '  ');
}

function emitItem(out: string[], item: YamlValue, indent: string): void {
  if (isScalar(item)) return void out.push(indent + '- ' + scalar(item, false));
  if (Array.isArray(item)) {
    const sub: string[] = [];
    emitInto(sub, '', item, indent + '  ');
    out.push(indent + '-' + sub[0]);
    out.push(...sub.slice(1));
    return;
  }
  const entries = defined(item);
  if (!entries.length) return void out.push(indent + '- {}');
  if (flowable(entries)) return void out.push(indent + '- ' + flowMap(entries));
  const inner = indent + '  ';
  entries.forEach(([k, x], i) => {
    const start = out.length;
    emitInto(out, inner + key(k) + ':', x, inner + '  ');
    if (i === 0) out[start] = indent + '- ' + out[start].slice(inner.length);
  });
}

/**
 * YAML text for a mapping (a model file), ending with a newline.
 * @example emitYaml({ entities: [{ id: 'a', kind: 'state', name: 'A' }] })
 */
export function emitYaml(doc: { [k: string]: YamlValue }): string {
  const out: string[] = [];
  for (const [k, v] of defined(doc)) emitInto(out, key(k) + ':', v, '  ');
  return out.join('\n') + '\n';
}

/** YAML lines of one list item (e.g. one entity), to append under a `entities:` header. */
export function emitYamlItem(item: YamlValue, indent = '  '): string {
  const out: string[] = [];
  emitItem(out, item, indent);
  return out.join('\n') + '\n';
}
