// Label selectors (k8s.io/apimachinery/pkg/labels.Parse: =, ==, !=, in, notin, exists, !exists) and
// field selectors (fields.ParseSelector: =, ==, !=) with the field labels each kind's registry supports.
import type { KObject } from '../model/types';
import { ApiError } from '../store/errors';
import { rec, str } from './printers/helpers';

type LabelReq =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | 'notexists'; key: string };

export type LabelSelector = readonly LabelReq[];

function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of s) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter((x) => x.length);
}

export function parseLabelSelector(s: string): LabelSelector {
  const reqs: LabelReq[] = [];
  for (const part of splitTop(s)) {
    let m: RegExpMatchArray | null;
    if ((m = part.match(/^([^\s!=(),]+)\s+(in|notin)\s+\(([^)]*)\)$/))) {
      reqs.push({ op: m[2] as 'in' | 'notin', key: m[1], values: m[3].split(',').map((x) => x.trim()).filter(Boolean) });
    } else if ((m = part.match(/^([^\s!=(),]+)\s*!=\s*([^\s!=(),]*)$/))) {
      reqs.push({ op: 'neq', key: m[1], value: m[2] });
    } else if ((m = part.match(/^([^\s!=(),]+)\s*==?\s*([^\s!=(),]*)$/))) {
      reqs.push({ op: 'eq', key: m[1], value: m[2] });
    } else if ((m = part.match(/^!\s*([^\s!=(),]+)$/))) {
      reqs.push({ op: 'notexists', key: m[1] });
    } else if ((m = part.match(/^([^\s!=(),]+)$/))) {
      reqs.push({ op: 'exists', key: m[1] });
    } else throw new ApiError('BadRequest', `unable to parse requirement: found '${part}', expected: identifier`);
  }
  return reqs;
}

export function matchLabels(sel: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return sel.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case 'eq':
        return has && l[r.key] === r.value;
      case 'neq':
        return !has || l[r.key] !== r.value;
      case 'in':
        return has && r.values.includes(l[r.key]);
      case 'notin':
        return !has || !r.values.includes(l[r.key]);
      case 'exists':
        return has;
      case 'notexists':
        return !has;
    }
  });
}

/** Field labels each registry's GetAttrs supports beyond metadata.name / metadata.namespace. */
const FIELD_LABELS: Record<string, Record<string, (o: KObject) => string>> = {
  Pod: {
    'spec.nodeName': (o) => str(rec(o.spec).nodeName),
    'spec.restartPolicy': (o) => str(rec(o.spec).restartPolicy),
    'spec.schedulerName': (o) => str(rec(o.spec).schedulerName),
    'spec.serviceAccountName': (o) => str(rec(o.spec).serviceAccountName),
    'spec.hostNetwork': (o) => String(rec(o.spec).hostNetwork === true),
    'status.phase': (o) => str(rec(o.status).phase),
    'status.podIP': (o) => str(rec(o.status).podIP),
    'status.nominatedNodeName': (o) => str(rec(o.status).nominatedNodeName),
  },
  Event: {
    'involvedObject.kind': (o) => str(rec(o.involvedObject).kind),
    'involvedObject.namespace': (o) => str(rec(o.involvedObject).namespace),
    'involvedObject.name': (o) => str(rec(o.involvedObject).name),
    'involvedObject.uid': (o) => str(rec(o.involvedObject).uid),
    'involvedObject.apiVersion': (o) => str(rec(o.involvedObject).apiVersion),
    'involvedObject.resourceVersion': (o) => str(rec(o.involvedObject).resourceVersion),
    'involvedObject.fieldPath': (o) => str(rec(o.involvedObject).fieldPath),
    reason: (o) => str(o.reason),
    reportingComponent: (o) => str(o.reportingComponent),
    source: (o) => str(rec(o.source).component),
    type: (o) => str(o.type),
  },
  Namespace: { 'status.phase': (o) => str(rec(o.status).phase) },
  Node: { 'spec.unschedulable': (o) => String(rec(o.spec).unschedulable === true) },
  Secret: { type: (o) => str(o.type) },
  ReplicaSet: { 'status.replicas': (o) => String(rec(o.status).replicas ?? 0) },
  PersistentVolume: {},
  PersistentVolumeClaim: {},
};

export interface FieldReq {
  readonly field: string;
  readonly op: 'eq' | 'neq';
  readonly value: string;
  readonly get: (o: KObject) => string;
}

export function parseFieldSelector(kind: string, s: string): FieldReq[] {
  const out: FieldReq[] = [];
  for (const part of s.split(',').map((x) => x.trim()).filter(Boolean)) {
    const m = part.match(/^([^!=]+?)\s*(!=|==|=)\s*(.*)$/);
    if (!m) throw new ApiError('BadRequest', `invalid selector: '${s}'; can't understand '${part}'`);
    const field = m[1];
    let get: ((o: KObject) => string) | undefined;
    if (field === 'metadata.name') get = (o) => o.metadata.name;
    else if (field === 'metadata.namespace') get = (o) => o.metadata.namespace ?? '';
    else get = FIELD_LABELS[kind]?.[field];
    if (!get) throw new ApiError('BadRequest', `field label not supported: ${field}`);
    out.push({ field, op: m[2] === '!=' ? 'neq' : 'eq', value: m[3], get });
  }
  return out;
}

export function matchFields(reqs: readonly FieldReq[], o: KObject): boolean {
  return reqs.every((r) => (r.op === 'eq' ? r.get(o) === r.value : r.get(o) !== r.value));
}
