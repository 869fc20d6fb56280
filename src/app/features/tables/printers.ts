// `kubectl get pv|pvc|pod` tables computed from the mirrored objects, with kubectl 1.32's columns
// (pkg/printers/internalversion/printers.go) and its age format (apimachinery duration.HumanDuration).
import type { KObject } from '../../../engine/model/types';
import { displayStatus } from '../../../protocol/status';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const MODES: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
const modes = (m: unknown) => ((m as string[] | undefined) ?? []).map((x) => MODES[x] ?? x).join(',');

/** HumanDuration from k8s.io/apimachinery/pkg/util/duration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    return dy === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

const age = (o: KObject, now: number) => {
  const t = Date.parse(o.metadata.creationTimestamp ?? '');
  return Number.isNaN(t) ? '<unknown>' : humanDuration(now - t);
};

export interface Table {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export function pvTable(objs: readonly KObject[], now: number): Table {
  return {
    headers: ['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE'],
    rows: objs.map((o) => {
      const s = (o.spec ?? {}) as Any;
      const claim = s.claimRef ? `${s.claimRef.namespace}/${s.claimRef.name}` : '';
      return [o.metadata.name, s.capacity?.storage ?? '', modes(s.accessModes), s.persistentVolumeReclaimPolicy ?? '', displayStatus(o) ?? '', claim, s.storageClassName ?? '', s.volumeAttributesClassName ?? '<unset>', (o.status as Any)?.reason ?? '', age(o, now)];
    }),
  };
}

export function pvcTable(objs: readonly KObject[], now: number): Table {
  return {
    headers: ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'],
    rows: objs.map((o) => {
      const s = (o.spec ?? {}) as Any;
      const st = (o.status ?? {}) as Any;
      const bound = st.phase === 'Bound';
      return [o.metadata.name, displayStatus(o) ?? '', s.volumeName ?? '', bound ? (st.capacity?.storage ?? '') : '', bound ? modes(st.accessModes) : '', s.storageClassName ?? '', s.volumeAttributesClassName ?? '<unset>', age(o, now)];
    }),
  };
}

export function podTable(objs: readonly KObject[], now: number): Table {
  return {
    headers: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
    rows: objs.map((o) => {
      const cs = (((o.status as Any)?.containerStatuses ?? []) as Any[]);
      const total = (((o.spec as Any)?.containers ?? []) as Any[]).length;
      const ready = cs.filter((c) => c.ready).length;
      const restarts = cs.reduce((n, c) => n + (c.restartCount ?? 0), 0);
      return [o.metadata.name, `${ready}/${total}`, displayStatus(o) ?? '', String(restarts), age(o, now)];
    }),
  };
}

/** kubectl's column alignment: each column padded to its widest cell plus three spaces. */
export function formatTable(t: Table): string {
  const widths = t.headers.map((h, i) => Math.max(h.length, ...t.rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] + 3))).join('').trimEnd();
  return [line(t.headers), ...t.rows.map(line)].join('\n');
}
