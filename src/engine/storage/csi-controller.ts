// The CSI controller service of each simulated driver: what `csi-controller/<driver>` answers to the
// sidecars (CreateVolume, DeleteVolume, ControllerExpandVolume, CreateSnapshot, DeleteSnapshot) and what
// it does to the storage behind it. Errors carry the gRPC status shape the sidecars print verbatim in
// events: `rpc error: code = ResourceExhausted desc = …`.
// Calls return results instead of throwing: a failed RPC is an ordinary outcome the caller reports.
import type { Rng } from '../random/rng';
import type { Asset, Backends } from './backends';
import { assetKindFor } from './locate';
import { nodeZone, type ClusterConfig, type DriverSpec } from './cluster-config';

export type CsiCode =
  | 'InvalidArgument'
  | 'NotFound'
  | 'AlreadyExists'
  | 'ResourceExhausted'
  | 'FailedPrecondition'
  | 'OutOfRange'
  | 'Internal'
  | 'Unavailable';

export interface CsiError {
  readonly code: CsiCode;
  readonly desc: string;
  /** `rpc error: code = <code> desc = <desc>`, as grpc-go's status error prints */
  readonly message: string;
}

export type CsiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CsiError };

export function csiError(code: CsiCode, desc: string): CsiError {
  return { code, desc, message: `rpc error: code = ${code} desc = ${desc}` };
}

const fail = <T>(code: CsiCode, desc: string): CsiResult<T> => ({ ok: false, error: csiError(code, desc) });
const ok = <T>(value: T): CsiResult<T> => ({ ok: true, value });

/** A topology segment: key → value (e.g. topology.diskplugin.csi.alibabacloud.com/zone → cn-hangzhou-b). */
export type Topology = Readonly<Record<string, string>>;

export interface CreateVolumeRequest {
  readonly name: string;
  readonly requiredBytes: number;
  readonly limitBytes?: number;
  /** StorageClass parameters without the csi.storage.k8s.io/ keys */
  readonly parameters: Readonly<Record<string, string>>;
  readonly fsType?: string;
  readonly block?: boolean;
  readonly accessibility?: { readonly requisite: readonly Topology[]; readonly preferred: readonly Topology[] };
  /** restore from a snapshot / clone a volume */
  readonly contentSource?: { readonly snapshotId?: string; readonly volumeId?: string };
}

export interface CsiVolume {
  readonly volumeId: string;
  readonly capacityBytes: number;
  readonly volumeContext: Readonly<Record<string, string>>;
  readonly accessibleTopology: readonly Topology[];
}

export interface CsiSnapshot {
  readonly snapshotId: string;
  readonly sourceVolumeId: string;
  readonly sizeBytes: number;
  readonly creationTime: number;
  readonly readyToUse: boolean;
}

/** The topology key a zonal driver reports zones under (the first key ending in `/zone`). */
export function zoneKeyOf(driver: DriverSpec): string | undefined {
  return driver.topologyKeys.find((k) => /(^|\/)zone$/.test(k)) ?? driver.topologyKeys[0];
}

/** requiredBytes rounded up to the driver's size step, then to its minimum size (bytes). */
export function roundVolumeSize(driver: DriverSpec, requiredBytes: number): number {
  const step = Math.max(1, driver.sizeStepBytes);
  const rounded = Math.ceil(Math.max(0, requiredBytes) / step) * step;
  return Math.max(rounded, driver.minSizeBytes);
}

export function createVolume(
  backends: Backends,
  cluster: ClusterConfig,
  driver: DriverSpec,
  req: CreateVolumeRequest,
  now: number,
  rng: Rng,
): CsiResult<CsiVolume> {
  // CSI requires CreateVolume to be idempotent by name: a retry after a lost reply gets the same volume.
  const same = backends.list().find((a) => a.driver === driver.name && a.params['csi.volumeName'] === req.name);
  if (same) return ok(volumeOf(driver, same));
  const invalid = validateParameters(driver, req);
  if (invalid) return fail('InvalidArgument', fill(driver.invalidArgumentMessage ?? '{error}', { name: req.name, error: invalid }));
  const size = roundVolumeSize(driver, req.requiredBytes);
  if (req.limitBytes !== undefined && req.limitBytes > 0 && size > req.limitBytes)
    return fail('OutOfRange', `volume size ${size} is larger than the limit ${req.limitBytes}`);
  let zone: string | undefined;
  if (driver.backend === 'zonal-disk') {
    zone = pickZone(cluster, driver, req);
    if (!zone) return fail('InvalidArgument', fill(driver.invalidArgumentMessage ?? '{error}', { name: req.name, error: 'no zone info found in accessibility requirements' }));
  }
  if (driver.capacityBytes !== undefined) {
    const available = driver.capacityBytes - backends.usedBytes(driver.name);
    if (size > available) {
      const msg = driver.quotaExceededMessage ?? 'quota exceeded for {name}: requested {requested} bytes, {available} bytes left';
      return fail('ResourceExhausted', fill(msg, { name: req.name, requested: String(size), available: String(Math.max(0, available)) }));
    }
  }
  let root;
  const source = req.contentSource;
  if (source?.snapshotId || source?.volumeId) {
    const from = backends.get(source.snapshotId ?? source.volumeId!);
    if (!from || from.deletedAt !== undefined)
      return fail('NotFound', source.snapshotId ? `snapshot ${source.snapshotId} not found` : `volume ${source.volumeId} not found`);
    if (from.sizeBytes > size) return fail('OutOfRange', `requested size ${size} is smaller than the source's ${from.sizeBytes}`);
    root = structuredClone(from.root);
  }
  const params: Record<string, string> = { ...req.parameters, 'csi.volumeName': req.name };
  // Given a list (`type: cloud_essd,cloud_ssd`), the driver creates the first category that works and
  // reports that one (Alibaba's volumeContext["type"] = attempt.Category).
  for (const key of Object.keys(driver.allowedParameterValues ?? {})) if (params[key]?.includes(',')) params[key] = params[key].split(',')[0];
  if (req.fsType) params.fsType = req.fsType;
  if (source?.snapshotId) params.sourceSnapshot = source.snapshotId;
  if (source?.volumeId) params.sourceVolume = source.volumeId;
  const asset = backends.add({
    id: newHandle(driver, req.name, rng),
    kind: assetKindFor(driver.backend),
    backend: driver.backend,
    driver: driver.name,
    zone,
    sizeBytes: size,
    createdAt: now,
    origin: req.name,
    params,
    root,
  });
  return ok(volumeOf(driver, asset));
}

export function deleteVolume(backends: Backends, driver: DriverSpec, volumeId: string, now: number): CsiResult<void> {
  const a = backends.get(volumeId);
  // DeleteVolume of a volume that does not exist succeeds (CSI spec: idempotent).
  if (!a || a.deletedAt !== undefined || a.driver !== driver.name) return ok(undefined);
  if (a.attachedTo.length) return fail('FailedPrecondition', `volume ${volumeId} is still attached to ${a.attachedTo.join(', ')}`);
  backends.destroy(volumeId, now);
  return ok(undefined);
}

export function controllerExpandVolume(
  backends: Backends,
  driver: DriverSpec,
  volumeId: string,
  requiredBytes: number,
): CsiResult<{ capacityBytes: number; nodeExpansionRequired: boolean }> {
  const a = backends.get(volumeId);
  if (!a || a.deletedAt !== undefined) return fail('NotFound', `volume ${volumeId} not found`);
  if (!driver.expansion) return fail('InvalidArgument', `driver ${driver.name} does not support volume expansion`);
  const size = Math.max(a.sizeBytes, roundVolumeSize(driver, requiredBytes));
  if (driver.capacityBytes !== undefined && size - a.sizeBytes > driver.capacityBytes - backends.usedBytes(driver.name)) {
    const msg = driver.quotaExceededMessage ?? 'quota exceeded for {name}: requested {requested} bytes, {available} bytes left';
    const left = driver.capacityBytes - backends.usedBytes(driver.name);
    return fail('ResourceExhausted', fill(msg, { name: volumeId, requested: String(size - a.sizeBytes), available: String(Math.max(0, left)) }));
  }
  a.sizeBytes = size;
  // Block devices need the node to grow the file system; shared file systems do not.
  return ok({ capacityBytes: size, nodeExpansionRequired: driver.backend !== 'shared-fs' });
}

export function createSnapshot(
  backends: Backends,
  driver: DriverSpec,
  sourceVolumeId: string,
  name: string,
  now: number,
  rng: Rng,
): CsiResult<CsiSnapshot> {
  const same = backends.list().find((a) => a.kind === 'snapshot' && a.params['csi.snapshotName'] === name);
  if (same) {
    if (same.params.sourceVolume !== sourceVolumeId)
      return fail('AlreadyExists', `snapshot ${name} already exists for another source volume`);
    return ok(snapshotOf(same));
  }
  const src = backends.get(sourceVolumeId);
  if (!src || src.deletedAt !== undefined) return fail('NotFound', `source volume ${sourceVolumeId} not found`);
  const snap = backends.add({
    id: `s-${randomChars(rng, 20, 'alnum')}`,
    kind: 'snapshot',
    backend: src.backend,
    driver: driver.name,
    zone: src.zone,
    sizeBytes: src.sizeBytes,
    createdAt: now,
    origin: name,
    params: { 'csi.snapshotName': name, sourceVolume: sourceVolumeId },
    // A snapshot is a point-in-time copy: later writes to the volume do not show in it.
    root: structuredClone(src.root),
  });
  return ok(snapshotOf(snap));
}

export function deleteSnapshot(backends: Backends, snapshotId: string, now: number): CsiResult<void> {
  backends.destroy(snapshotId, now);
  return ok(undefined);
}

// ---- helpers ---------------------------------------------------------------------------------

function volumeOf(driver: DriverSpec, a: Asset): CsiVolume {
  const key = zoneKeyOf(driver);
  const context: Record<string, string> = {};
  if (driver.volumeContextFromParameters)
    for (const [k, v] of Object.entries(a.params)) if (!k.startsWith('csi.') && k !== 'sourceSnapshot' && k !== 'sourceVolume') context[k] = v;
  return {
    volumeId: a.id,
    capacityBytes: a.sizeBytes,
    volumeContext: context,
    accessibleTopology: a.zone && key ? [{ [key]: a.zone }] : [],
  };
}

function snapshotOf(a: Asset): CsiSnapshot {
  return { snapshotId: a.id, sourceVolumeId: a.params.sourceVolume, sizeBytes: a.sizeBytes, creationTime: a.createdAt, readyToUse: true };
}

function validateParameters(driver: DriverSpec, req: CreateVolumeRequest): string | undefined {
  for (const [key, allowed] of Object.entries(driver.allowedParameterValues ?? {})) {
    const v = req.parameters[key];
    if (v === undefined) continue;
    // The Alibaba disk driver reports the whole value, not the offending item.
    if (v.split(',').some((item) => !allowed.includes(item))) return `illegal required parameter ${key}: ${v}`;
  }
  if (req.fsType && !req.block && driver.supportedFsTypes && !driver.supportedFsTypes.includes(req.fsType))
    return `fsType ${req.fsType} is not supported, please use [${driver.supportedFsTypes.join(' ')}]`;
  return undefined;
}

/**
 * The zone a zonal volume is created in. A zone parameter in the class wins (Alibaba's `zoneId`, a comma
 * list narrowed by the requirements); otherwise the first preferred segment, then the first requisite one
 * (the drivers' pickZone); with no requirements at all, the zone of the first node.
 */
function pickZone(cluster: ClusterConfig, driver: DriverSpec, req: CreateVolumeRequest): string | undefined {
  const key = zoneKeyOf(driver);
  const fromReq = (list: readonly Topology[] | undefined) => (key ? list?.map((t) => t[key]).filter((z): z is string => !!z) : []) ?? [];
  const preferred = fromReq(req.accessibility?.preferred);
  const requisite = fromReq(req.accessibility?.requisite);
  const param = driver.zoneParameter ? req.parameters[driver.zoneParameter] : undefined;
  if (param) {
    const zones = param.split(',').map((z) => z.trim()).filter(Boolean);
    return [...preferred, ...requisite].find((z) => zones.includes(z)) ?? zones[0];
  }
  if (preferred.length) return preferred[0];
  if (requisite.length) return requisite[0];
  for (const n of cluster.nodes) {
    const z = (key && n.labels[key]) || nodeZone(n);
    if (z) return z;
  }
  return undefined;
}

function newHandle(driver: DriverSpec, name: string, rng: Rng): string {
  const style = driver.volumeHandleStyle ?? 'random-alnum';
  if (style === 'request-name') return `${driver.volumeHandlePrefix}${name}`;
  return `${driver.volumeHandlePrefix}${randomChars(rng, driver.volumeHandleLength ?? 20, style === 'random-hex' ? 'hex' : 'alnum')}`;
}

function randomChars(rng: Rng, n: number, alphabet: 'hex' | 'alnum'): string {
  const chars = alphabet === 'hex' ? '0123456789abcdef' : '0123456789abcdefghijklmnopqrstuvwxyz';
  let out = '';
  for (let i = 0; i < n; i++) out += chars[rng.nextU32() % chars.length];
  return out;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}
