// The core kinds around storage: Namespace, Node, ConfigMap, Secret, ServiceAccount, Service, Event —
// defaults (core/v1/defaults.go), status handling and the validation rules a lesson can reach (1.32).
import type { KObject } from '../model/types';
import type { KindStrategy } from '../store/strategy';
import { duplicate, invalid, required, unsupported, type FieldError } from '../store/field-errors';
import { dns1123Label, dns1123Subdomain, validateLabels } from '../store/meta-validation';
import { arr, def, ensure, has, isObj, obj, spec, str, unsupportedOrdered, type J } from './util';

export const namespaceStrategy: KindStrategy = {
  kind: 'Namespace',
  statusSubresource: true,
  defaults(o) {
    // SetDefaults_Namespace: the immutable name label (GA in 1.22)
    o.metadata.labels = { ...(o.metadata.labels ?? {}), 'kubernetes.io/metadata.name': o.metadata.name };
    if (isObj(o.status)) def(o.status, 'phase', 'Active');
  },
  prepareForCreate(o) {
    // PrepareForCreate: status Active, and the "kubernetes" finalizer is always present on create
    o.status = { phase: 'Active' };
    const s = ensure(o, 'spec');
    const fin = arr(s, 'finalizers');
    if (!fin.includes('kubernetes')) s.finalizers = [...fin, 'kubernetes'];
  },
  validate(o) {
    return validateFinalizers(spec(o));
  },
  validateUpdate(o) {
    return validateFinalizers(spec(o));
  },
};

function validateFinalizers(s: J): FieldError[] {
  const out: FieldError[] = [];
  for (const [i, f] of arr(s, 'finalizers').entries()) {
    const v = String(f);
    if (!v.includes('/') && v !== 'kubernetes')
      out.push(invalid(`spec.finalizers[${i}]`, v, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return out;
}

export const nodeStrategy: KindStrategy = {
  kind: 'Node',
  statusSubresource: true,
  prepareForCreate(o) {
    // the kubelet reports status; a create keeps only what it sent
    if (!isObj(o.status)) o.status = {};
  },
  validate(o) {
    return validateTaints(arr(spec(o), 'taints'));
  },
  validateUpdate(o) {
    return validateTaints(arr(spec(o), 'taints'));
  },
};

function validateTaints(taints: unknown[]): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const [i, t] of taints.entries()) {
    const p = `spec.taints[${i}]`;
    if (!str(t, 'key')) out.push(required(`${p}.key`));
    const eff = str(t, 'effect');
    if (!eff) out.push(required(`${p}.effect`));
    else if (!['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(eff))
      out.push(unsupportedOrdered(`${p}.effect`, eff, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
    const k = `${str(t, 'key')}:${eff}`;
    if (seen.has(k)) out.push(duplicate(p, t));
    seen.add(k);
  }
  return out;
}

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const CONFIG_KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

function validateKeys(o: KObject, fields: string[]): FieldError[] {
  const out: FieldError[] = [];
  for (const f of fields)
    for (const k of Object.keys(obj(o, f) ?? {})) {
      if (!CONFIG_KEY.test(k)) out.push(invalid(`${f}[${k}]`, k, CONFIG_KEY_MSG));
      if (k === '.' || k === '..') out.push(invalid(`${f}[${k}]`, k, `must not be '${k}'`));
      else if (k.startsWith('..')) out.push(invalid(`${f}[${k}]`, k, "must not start with '..'"));
    }
  if (fields.length === 2)
    for (const k of Object.keys(obj(o, fields[0]) ?? {}))
      if (k in (obj(o, fields[1]) ?? {})) out.push(invalid(`data[${k}]`, k, 'duplicate of key present in binaryData'));
  return out;
}

export const configMapStrategy: KindStrategy = {
  kind: 'ConfigMap',
  validate: (o) => validateKeys(o, ['data', 'binaryData']),
  validateUpdate(o, old) {
    const out = validateKeys(o, ['data', 'binaryData']);
    if (old.immutable === true && (JSON.stringify(o.data ?? null) !== JSON.stringify(old.data ?? null) || JSON.stringify(o.binaryData ?? null) !== JSON.stringify(old.binaryData ?? null)))
      out.push({ type: 'Forbidden', field: 'data', detail: 'field is immutable when `immutable` is set' });
    return out;
  },
};

function base64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export const secretStrategy: KindStrategy = {
  kind: 'Secret',
  defaults(o) {
    def(o, 'type', 'Opaque');
    // stringData is write-only: it is merged into data (base64) and never stored
    const sd = obj(o, 'stringData');
    if (sd) {
      const data = ensure(o, 'data');
      for (const [k, v] of Object.entries(sd)) data[k] = base64(String(v));
      delete o.stringData;
    }
  },
  validate: (o) => validateKeys(o, ['data']),
  validateUpdate(o, old) {
    const out = validateKeys(o, ['data']);
    if (o.type !== old.type) out.push(invalid('type', o.type, 'field is immutable'));
    return out;
  },
};

export const serviceAccountStrategy: KindStrategy = { kind: 'ServiceAccount' };

export const eventStrategy: KindStrategy = {
  kind: 'Event',
  validate(o) {
    const out: FieldError[] = [];
    // ValidateEvent: an event of a cluster-scoped object lives in "default" (or no namespace); otherwise the
    // event's namespace is the involved object's.
    const io = obj(o, 'involvedObject');
    const ioNs = str(io, 'namespace');
    const ns = o.metadata.namespace ?? '';
    if (ioNs ? ns !== ioNs : ns !== '' && ns !== 'default')
      out.push(invalid('involvedObject.namespace', ioNs, 'does not match event.namespace'));
    return out;
  },
};

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

/** A deterministic ClusterIP in 10.96.0.0/16 (the allocator upstream is random; ours hashes the key and probes). */
function allocateClusterIP(o: KObject, taken: Set<string>): string {
  let h = 2166136261;
  for (const ch of `${o.metadata.namespace}/${o.metadata.name}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  for (let i = 0; i < 65534; i++) {
    const n = ((h + i) % 65533) + 2; // .0.0 is the network, .0.1 is the kubernetes service
    const ip = `10.96.${n >> 8}.${n & 255}`;
    if (!taken.has(ip)) return ip;
  }
  return '10.96.0.2';
}

export const serviceStrategy: KindStrategy = {
  kind: 'Service',
  statusSubresource: true,
  defaults(o) {
    const s = ensure(o, 'spec');
    def(s, 'type', 'ClusterIP');
    def(s, 'sessionAffinity', 'None');
    for (const p of arr(s, 'ports')) {
      if (!isObj(p)) continue;
      def(p, 'protocol', 'TCP');
      if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
    }
    if (s.type !== 'ExternalName') def(s, 'internalTrafficPolicy', 'Cluster');
    if (s.type === 'NodePort' || s.type === 'LoadBalancer') def(s, 'externalTrafficPolicy', 'Cluster');
  },
  prepareForCreate(o, ctx) {
    o.status = { loadBalancer: {} };
    const s = ensure(o, 'spec');
    if (s.type === 'ExternalName') return;
    if (!has(s, 'clusterIP') || s.clusterIP === '') {
      const taken = new Set(ctx.view.list('Service').map((x) => str(spec(x), 'clusterIP')));
      s.clusterIP = allocateClusterIP(o, taken);
    }
    if (!has(s, 'clusterIPs')) s.clusterIPs = [s.clusterIP];
    def(s, 'ipFamilies', ['IPv4']);
    def(s, 'ipFamilyPolicy', 'SingleStack');
  },
  prepareForUpdate(o, old) {
    // An update that omits the allocated ClusterIP keeps it (as the Service REST storage does).
    const s = ensure(o, 'spec');
    const os = spec(old);
    if (!str(s, 'clusterIP') && str(os, 'clusterIP')) {
      for (const k of ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy']) if (!has(s, k) && has(os, k)) s[k] = structuredClone(os[k]);
    }
  },
  validate(o) {
    const s = spec(o);
    const out: FieldError[] = [];
    // ValidateServiceName is NameIsDNS1035Label (the store only checks the DNS-subdomain rule)
    const name = o.metadata.name ?? '';
    if (name && dns1123Subdomain(name).length === 0) {
      if (name.length > 63) out.push(invalid('metadata.name', name, 'must be no more than 63 characters'));
      if (!DNS1035_LABEL.test(name)) out.push(invalid('metadata.name', name, DNS1035_LABEL_MSG));
    }
    const type = str(s, 'type');
    if (!SERVICE_TYPES.includes(type)) out.push(unsupported('spec.type', type, SERVICE_TYPES));
    const ports = arr(s, 'ports');
    if (ports.length === 0 && s.clusterIP !== 'None' && type !== 'ExternalName') out.push(required('spec.ports'));
    const names = new Set<string>();
    for (const [i, p] of ports.entries()) {
      const pp = `spec.ports[${i}]`;
      const name = str(p, 'name');
      if (ports.length > 1 && !name) out.push(required(`${pp}.name`));
      if (name) {
        for (const m of dns1123Label(name)) out.push(invalid(`${pp}.name`, name, m));
        if (names.has(name)) out.push(duplicate(`${pp}.name`, name));
        names.add(name);
      }
      const port = isObj(p) ? p.port : undefined;
      if (typeof port !== 'number' || port < 1 || port > 65535) out.push(invalid(`${pp}.port`, port ?? 0, 'must be between 1 and 65535, inclusive'));
      const proto = str(p, 'protocol');
      if (!['SCTP', 'TCP', 'UDP'].includes(proto)) out.push(unsupported(`${pp}.protocol`, proto, ['SCTP', 'TCP', 'UDP']));
    }
    out.push(...validateLabels(obj(s, 'selector'), 'spec.selector'));
    return out;
  },
  validateUpdate(o, old) {
    const out = this.validate!(o, undefined as never);
    const n = str(spec(o), 'clusterIP');
    const p = str(spec(old), 'clusterIP');
    if (n && p && n !== p) out.push(invalid('spec.clusterIPs[0]', n, 'may not change once set'));
    return out;
  },
};
