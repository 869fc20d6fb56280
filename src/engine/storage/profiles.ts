// Cluster profiles (clusters/*.yaml): a simulated cluster as data — nodes with their labels, the storage
// drivers installed and how their backends behave, and the objects an administrator created first.
// parseClusterProfile reads one and checks every field, pointing at the line and column of the first
// problem, so a typo in a profile (or a learner's custom cluster) is reported like an editor would.
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { KObject } from '../model/types';
import { parseQuantity, quantityValue } from '../model/quantity';
import type { BackendKind, ClusterConfig, DriverLatency, DriverSpec, LatencyRange, NodeSpec, VolumeHandleStyle } from './cluster-config';

export interface ProfileError {
  readonly message: string;
  /** 1-based */
  readonly line: number;
  readonly col: number;
  /** where in the profile, e.g. drivers[0].minSize */
  readonly path: string;
}

export type ProfileResult = { readonly ok: true; readonly cluster: ClusterConfig } | { readonly ok: false; readonly error: ProfileError };

type Path = readonly (string | number)[];

class Invalid extends Error {
  constructor(
    readonly path: Path,
    message: string,
  ) {
    super(message);
  }
}

const BACKENDS: readonly BackendKind[] = ['zonal-disk', 'shared-fs', 'node-local'];
const HANDLE_STYLES: readonly VolumeHandleStyle[] = ['random-alnum', 'random-hex', 'request-name'];
const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
const LATENCY_KEYS: readonly (keyof DriverLatency)[] = ['createVolume', 'deleteVolume', 'attach', 'detach', 'stage', 'publish', 'expand', 'snapshot'];
const TOP_KEYS = ['name', 'description', 'region', 'nodes', 'drivers', 'objects'];
const NODE_KEYS = ['name', 'labels', 'unschedulable', 'taints', 'capacity'];
const DRIVER_KEYS = [
  'name', 'csi', 'backend', 'attachRequired', 'provisions', 'volumeHandlePrefix', 'volumeHandleStyle', 'volumeHandleLength',
  'accessModes', 'topologyKeys', 'expansion', 'stageUnstage', 'minSize', 'sizeStep', 'capacity', 'defaultFsType',
  'provisionerPod', 'latency', 'zoneParameter', 'allowedParameterValues', 'supportedFsTypes', 'invalidArgumentMessage',
  'quotaExceededMessage', 'volumeContextFromParameters', 'hostPathDir', 'hostPathNode',
];

/** Parses and validates a profile; never throws. */
export function parseClusterProfile(yamlText: string): ProfileResult {
  const lc = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lc, version: '1.1', uniqueKeys: true, prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const p = lc.linePos(err.pos[0]);
    return { ok: false, error: { message: err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), line: p.line, col: p.col, path: '' } };
  }
  try {
    return { ok: true, cluster: readProfile(doc.toJS({ maxAliasCount: 100 }) as unknown) };
  } catch (e) {
    if (!(e instanceof Invalid)) throw e;
    const pos = positionOf(doc, lc, e.path);
    return { ok: false, error: { message: e.message, line: pos.line, col: pos.col, path: pathText(e.path) } };
  }
}

/** Like parseClusterProfile, but throws `line:col path: message` (for builtin profiles, which must parse). */
export function loadClusterProfile(yamlText: string): ClusterConfig {
  const r = parseClusterProfile(yamlText);
  if (!r.ok) throw new Error(`${r.error.line}:${r.error.col} ${r.error.path}: ${r.error.message}`);
  return r.cluster;
}

function readProfile(v: unknown): ClusterConfig {
  const top = map(v, []);
  onlyKeys(top, TOP_KEYS, []);
  const name = str(top, 'name', []);
  let description: ClusterConfig['description'];
  if (top.description !== undefined) {
    const d = map(top.description, ['description']);
    onlyKeys(d, ['en', 'zh'], ['description']);
    description = { en: str(d, 'en', ['description']), zh: str(d, 'zh', ['description']) };
  }
  const region = top.region === undefined ? undefined : str(top, 'region', []);
  const nodes = list(top.nodes, ['nodes']).map((n, i) => readNode(n, ['nodes', i]));
  if (!nodes.length) throw new Invalid(['nodes'], 'a cluster needs at least one node');
  unique(nodes.map((n) => n.name), (i) => ['nodes', i, 'name'], 'node');
  const drivers = (top.drivers === undefined ? [] : list(top.drivers, ['drivers'])).map((d, i) => readDriver(d, ['drivers', i]));
  unique(drivers.map((d) => d.name), (i) => ['drivers', i, 'name'], 'driver');
  drivers.forEach((d, i) => {
    // A CSI node plugin reports its topology keys only if the node carries those labels; a key no node has
    // would make every topology-aware CreateVolume fail, so it is a profile error.
    d.topologyKeys.forEach((k, j) => {
      const missing = nodes.find((n) => n.labels[k] === undefined);
      if (missing) throw new Invalid(['drivers', i, 'topologyKeys', j], `node "${missing.name}" has no label ${k}`);
    });
    if (d.hostPathNode && !nodes.some((n) => n.name === d.hostPathNode))
      throw new Invalid(['drivers', i, 'hostPathNode'], `no node named "${d.hostPathNode}"`);
  });
  const objects = (top.objects === undefined ? [] : list(top.objects, ['objects'])).map((o, i) => readObject(o, ['objects', i]));
  return { name, description, region, nodes, drivers, objects };
}

function readNode(v: unknown, p: Path): NodeSpec {
  const m = map(v, p);
  onlyKeys(m, NODE_KEYS, p);
  const name = str(m, 'name', p);
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name) || name.length > 253)
    throw new Invalid([...p, 'name'], `"${name}" is not a valid node name (lowercase RFC 1123 subdomain)`);
  const labels = m.labels === undefined ? {} : strMap(m.labels, [...p, 'labels']);
  const capacity = m.capacity === undefined ? undefined : strMap(m.capacity, [...p, 'capacity']);
  const taints =
    m.taints === undefined
      ? undefined
      : list(m.taints, [...p, 'taints']).map((t, i) => {
          const tp = [...p, 'taints', i];
          const tm = map(t, tp);
          onlyKeys(tm, ['key', 'value', 'effect'], tp);
          const effect = oneOf(tm, 'effect', ['NoSchedule', 'PreferNoSchedule', 'NoExecute'], tp);
          return { key: str(tm, 'key', tp), ...(tm.value === undefined ? {} : { value: str(tm, 'value', tp) }), effect };
        });
  return {
    name,
    labels,
    ...(m.unschedulable === undefined ? {} : { unschedulable: bool(m, 'unschedulable', p) }),
    ...(taints ? { taints } : {}),
    ...(capacity ? { capacity } : {}),
  };
}

function readDriver(v: unknown, p: Path): DriverSpec {
  const m = map(v, p);
  onlyKeys(m, DRIVER_KEYS, p);
  const name = str(m, 'name', p);
  const csi = m.csi === undefined ? true : bool(m, 'csi', p);
  const accessModes = strList(m, 'accessModes', p);
  accessModes.forEach((a, i) => {
    if (!ACCESS_MODES.includes(a)) throw new Invalid([...p, 'accessModes', i], `unsupported access mode "${a}" (one of ${ACCESS_MODES.join(', ')})`);
  });
  const lat = map(m.latency, [...p, 'latency']);
  onlyKeys(lat, LATENCY_KEYS, [...p, 'latency']);
  const latency = Object.fromEntries(LATENCY_KEYS.map((k) => [k, range(lat[k], [...p, 'latency', k])])) as unknown as DriverLatency;
  const opt = <T>(key: string, read: () => T): Partial<Record<string, T>> => (m[key] === undefined ? {} : { [key]: read() });
  const spec: DriverSpec = {
    name,
    ...(csi ? {} : { csi: false }),
    backend: oneOf(m, 'backend', BACKENDS, p),
    attachRequired: bool(m, 'attachRequired', p),
    provisions: bool(m, 'provisions', p),
    volumeHandlePrefix: str(m, 'volumeHandlePrefix', p, true),
    accessModes,
    topologyKeys: strList(m, 'topologyKeys', p),
    expansion: bool(m, 'expansion', p),
    stageUnstage: bool(m, 'stageUnstage', p),
    minSizeBytes: bytes(m, 'minSize', p),
    sizeStepBytes: bytes(m, 'sizeStep', p),
    provisionerIdentity: `${name}_${str(m, 'provisionerPod', p)}`,
    latency,
    ...(m.capacity === undefined ? {} : { capacityBytes: bytes(m, 'capacity', p) }),
    ...opt('defaultFsType', () => str(m, 'defaultFsType', p)),
    ...opt('volumeHandleStyle', () => oneOf(m, 'volumeHandleStyle', HANDLE_STYLES, p)),
    ...opt('volumeHandleLength', () => int(m, 'volumeHandleLength', p, 1, 64)),
    ...opt('zoneParameter', () => str(m, 'zoneParameter', p)),
    ...opt('allowedParameterValues', () => strListMap(m.allowedParameterValues, [...p, 'allowedParameterValues'])),
    ...opt('supportedFsTypes', () => strList(m, 'supportedFsTypes', p)),
    ...opt('invalidArgumentMessage', () => str(m, 'invalidArgumentMessage', p)),
    ...opt('quotaExceededMessage', () => str(m, 'quotaExceededMessage', p)),
    ...opt('volumeContextFromParameters', () => bool(m, 'volumeContextFromParameters', p)),
    ...opt('hostPathDir', () => str(m, 'hostPathDir', p)),
    ...opt('hostPathNode', () => str(m, 'hostPathNode', p)),
  } as DriverSpec;
  if (!csi && !spec.hostPathDir) throw new Invalid(p, 'a non-CSI provisioner needs hostPathDir');
  if (spec.sizeStepBytes <= 0) throw new Invalid([...p, 'sizeStep'], 'sizeStep must be positive');
  return spec;
}

function readObject(v: unknown, p: Path): KObject {
  const m = map(v, p);
  str(m, 'apiVersion', p);
  str(m, 'kind', p);
  const md = map(m.metadata, [...p, 'metadata']);
  str(md, 'name', [...p, 'metadata']);
  return m as unknown as KObject;
}

// ---- typed readers ---------------------------------------------------------------------------

type M = Record<string, unknown>;

function map(v: unknown, p: Path): M {
  if (v === undefined || v === null) throw new Invalid(p, 'required value is missing');
  if (typeof v !== 'object' || Array.isArray(v)) throw new Invalid(p, 'expected a mapping');
  return v as M;
}

function list(v: unknown, p: Path): unknown[] {
  if (v === undefined || v === null) throw new Invalid(p, 'required value is missing');
  if (!Array.isArray(v)) throw new Invalid(p, 'expected a list');
  return v;
}

function onlyKeys(m: M, allowed: readonly string[], p: Path): void {
  for (const k of Object.keys(m)) if (!allowed.includes(k)) throw new Invalid([...p, k], `unknown field "${k}"`);
}

function need(m: M, k: string, p: Path): unknown {
  if (m[k] === undefined || m[k] === null) throw new Invalid(p, `missing required field "${k}"`);
  return m[k];
}

function str(m: M, k: string, p: Path, allowEmpty = false): string {
  const v = need(m, k, p);
  if (typeof v !== 'string') throw new Invalid([...p, k], `"${k}" must be a string`);
  if (!allowEmpty && v === '') throw new Invalid([...p, k], `"${k}" must not be empty`);
  return v;
}

function bool(m: M, k: string, p: Path): boolean {
  const v = need(m, k, p);
  if (typeof v !== 'boolean') throw new Invalid([...p, k], `"${k}" must be true or false`);
  return v;
}

function int(m: M, k: string, p: Path, min: number, max: number): number {
  const v = need(m, k, p);
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new Invalid([...p, k], `"${k}" must be an integer from ${min} to ${max}`);
  return v;
}

function oneOf<T extends string>(m: M, k: string, values: readonly T[], p: Path): T {
  const v = str(m, k, p);
  if (!values.includes(v as T)) throw new Invalid([...p, k], `"${k}" must be one of ${values.join(', ')}; got "${v}"`);
  return v as T;
}

function strList(m: M, k: string, p: Path): string[] {
  const l = list(need(m, k, p), [...p, k]);
  l.forEach((x, i) => {
    if (typeof x !== 'string' || x === '') throw new Invalid([...p, k, i], 'expected a non-empty string');
  });
  return l as string[];
}

function strMap(v: unknown, p: Path): Record<string, string> {
  const m = map(v, p);
  for (const [k, x] of Object.entries(m)) if (typeof x !== 'string') throw new Invalid([...p, k], `"${k}" must be a string (quote numbers and booleans)`);
  return m as Record<string, string>;
}

function strListMap(v: unknown, p: Path): Record<string, string[]> {
  const m = map(v, p);
  return Object.fromEntries(Object.keys(m).map((k) => [k, strList(m, k, p)]));
}

function bytes(m: M, k: string, p: Path): number {
  const v = need(m, k, p);
  if (typeof v !== 'string' && typeof v !== 'number') throw new Invalid([...p, k], `"${k}" must be a quantity such as 20Gi`);
  try {
    return quantityValue(parseQuantity(String(v)));
  } catch (e) {
    throw new Invalid([...p, k], `"${k}": ${(e as Error).message}`);
  }
}

function range(v: unknown, p: Path): LatencyRange {
  const l = list(v, p);
  if (l.length !== 2 || !l.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0))
    throw new Invalid(p, 'expected [min, max] in milliseconds');
  const [a, b] = l as number[];
  if (a > b) throw new Invalid(p, `min ${a} is greater than max ${b}`);
  return [a, b];
}

function unique(names: readonly string[], at: (i: number) => Path, what: string): void {
  const seen = new Set<string>();
  names.forEach((n, i) => {
    if (seen.has(n)) throw new Invalid(at(i), `duplicate ${what} name "${n}"`);
    seen.add(n);
  });
}

// ---- positions -------------------------------------------------------------------------------

/** Line/column of the node at path, or of the nearest ancestor that exists (a missing key → its map). */
function positionOf(doc: Document, lc: LineCounter, path: Path): { line: number; col: number } {
  for (let n = path.length; n >= 0; n--) {
    const sub = path.slice(0, n);
    const node = n === 0 ? doc.contents : doc.getIn(sub as (string | number)[], true);
    const r = (node as { range?: [number, number, number] } | undefined)?.range;
    if (r) {
      // An unknown key is reported at the key itself rather than at its value.
      if (n === path.length && n > 0) {
        const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1) as (string | number)[], true);
        if (isMap(parent)) {
          const pair = parent.items.find((it) => (it.key as { value?: unknown } | null)?.value === path[n - 1]);
          const kr = (pair?.key as { range?: [number, number, number] } | null)?.range;
          if (kr) return lc.linePos(kr[0]);
        } else if (isSeq(parent)) return lc.linePos(r[0]);
      }
      return lc.linePos(r[0]);
    }
  }
  return { line: 1, col: 1 };
}

function pathText(path: Path): string {
  return path.reduce<string>((s, x) => (typeof x === 'number' ? `${s}[${x}]` : s ? `${s}.${x}` : x), '');
}
