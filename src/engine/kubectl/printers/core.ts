// Printers for core/v1 kinds (printers.go v1.32): PersistentVolume, PersistentVolumeClaim, Node,
// Namespace, Event, ConfigMap, Secret, Service, ServiceAccount.
import type { KObject } from '../../model/types';
import { since } from '../duration';
import { accessModesString, arr, num, pvClass, pvcClass, quantityString, rec, spec, status, str, formatLabels } from './helpers';
import { AGE_COL, NAME_COL, col, registerPrinter } from './table';

registerPrinter('PersistentVolume', {
  columns: [
    NAME_COL,
    col('Capacity', 'string', 'capacity is the description of the persistent volume\'s resources and capacity.'),
    col('Access Modes', 'string', 'accessModes contains all ways the volume can be mounted.'),
    col('Reclaim Policy', 'string', 'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim.'),
    col('Status', 'string', 'phase indicates if a volume is available, bound to a claim, or released by a claim.'),
    col('Claim', 'string', 'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim.'),
    col('StorageClass', 'string', 'StorageClass of the pv'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
    col('Reason', 'string', 'reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI.'),
    AGE_COL,
    col('VolumeMode', 'string', 'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.', 1),
  ],
  row: (pv, o) => {
    const sp = spec(pv);
    const cr = sp.claimRef ? rec(sp.claimRef) : undefined;
    const claim = cr ? `${str(cr.namespace)}/${str(cr.name)}` : '';
    const phase = pv.metadata.deletionTimestamp ? 'Terminating' : str(status(pv).phase);
    return [
      pv.metadata.name,
      quantityString(sp.capacity, 'storage'),
      accessModesString(sp.accessModes),
      str(sp.persistentVolumeReclaimPolicy),
      phase,
      claim,
      pvClass(pv),
      sp.volumeAttributesClassName == null ? '<unset>' : str(sp.volumeAttributesClassName),
      str(status(pv).reason),
      since(pv.metadata.creationTimestamp, o.now),
      sp.volumeMode == null ? '<unset>' : str(sp.volumeMode),
    ];
  },
});

registerPrinter('PersistentVolumeClaim', {
  columns: [
    NAME_COL,
    col('Status', 'string', 'phase represents the current phase of PersistentVolumeClaim.'),
    col('Volume', 'string', 'volumeName is the binding reference to the PersistentVolume backing this claim.'),
    col('Capacity', 'string', 'capacity represents the actual resources of the underlying volume.'),
    col('Access Modes', 'string', 'accessModes contains the actual access modes the volume backing the PVC has.'),
    col('StorageClass', 'string', 'StorageClass of the pvc'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    AGE_COL,
    col('VolumeMode', 'string', 'volumeMode defines what type of volume is required by the claim.', 1),
  ],
  row: (pvc, o) => {
    const sp = spec(pvc);
    const st = status(pvc);
    const phase = pvc.metadata.deletionTimestamp ? 'Terminating' : str(st.phase);
    // CAPACITY and ACCESS MODES come from status, and only once spec.volumeName is set.
    const bound = str(sp.volumeName) !== '';
    return [
      pvc.metadata.name,
      phase,
      str(sp.volumeName),
      bound ? quantityString(st.capacity, 'storage') : '',
      bound ? accessModesString(st.accessModes) : '',
      pvcClass(pvc),
      sp.volumeAttributesClassName == null ? '<unset>' : str(sp.volumeAttributesClassName),
      since(pvc.metadata.creationTimestamp, o.now),
      sp.volumeMode == null ? '<unset>' : str(sp.volumeMode),
    ];
  },
});

/** findNodeRoles: node-role.kubernetes.io/<role> labels and kubernetes.io/role=<role>, sorted. */
export function nodeRoles(node: KObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const r = k.slice('node-role.kubernetes.io/'.length);
      if (r) roles.add(r);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort();
}

export function nodeStatusString(node: KObject): string {
  const out: string[] = [];
  const ready = arr(status(node).conditions).map(rec).find((c) => c.type === 'Ready');
  if (ready) out.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (!out.length) out.push('Unknown');
  if (spec(node).unschedulable === true) out.push('SchedulingDisabled');
  return out.join(',');
}

function nodeAddress(node: KObject, type: string): string {
  const a = arr(status(node).addresses).map(rec).find((x) => x.type === type);
  return a ? str(a.address) : '<none>';
}

registerPrinter('Node', {
  columns: [
    NAME_COL,
    col('Status', 'string', 'The status of the node'),
    col('Roles', 'string', 'The roles of the node'),
    AGE_COL,
    col('Version', 'string', 'Kubelet Version reported by the node.'),
    col('Internal-IP', 'string', 'List of addresses reachable to the node.', 1),
    col('External-IP', 'string', 'List of addresses reachable to the node.', 1),
    col('OS-Image', 'string', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', 1),
    col('Kernel-Version', 'string', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
    col('Container-Runtime', 'string', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', 1),
  ],
  row: (node, o) => {
    const info = rec(status(node).nodeInfo);
    const roles = nodeRoles(node).join(',') || '<none>';
    return [
      node.metadata.name,
      nodeStatusString(node),
      roles,
      since(node.metadata.creationTimestamp, o.now),
      str(info.kubeletVersion),
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      str(info.osImage) || '<unknown>',
      str(info.kernelVersion) || '<unknown>',
      str(info.containerRuntimeVersion) || '<unknown>',
    ];
  },
});

registerPrinter('Namespace', {
  columns: [NAME_COL, col('Status', 'string', 'The status of the namespace'), AGE_COL],
  row: (ns, o) => [ns.metadata.name, str(status(ns).phase), since(ns.metadata.creationTimestamp, o.now)],
});

/** The OBJECT cell of an event: `persistentvolumeclaim/data`. */
export function eventTarget(ev: KObject): string {
  const io = rec(ev.involvedObject);
  const kind = str(io.kind).toLowerCase();
  return str(io.name) ? `${kind}/${str(io.name)}` : kind;
}

registerPrinter('Event', {
  columns: [
    col('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
    col('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
    col('Reason', 'string', "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
    col('Object', 'string', 'The object that this event is about.'),
    col('Subobject', 'string', 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement.', 1),
    col('Source', 'string', 'The component reporting this event. Should be a short machine understandable string.', 1),
    col('Message', 'string', 'A human-readable description of the status of this operation.'),
    col('First Seen', 'string', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', 1),
    col('Count', 'string', 'The number of times this event has occurred.', 1),
    col('Name', 'string', NAME_COL.description, 1, 'name'),
  ],
  row: (ev, o) => {
    const first = ev.firstTimestamp ? since(str(ev.firstTimestamp), o.now) : since(str(ev.eventTime), o.now);
    let last = ev.lastTimestamp ? since(str(ev.lastTimestamp), o.now) : first;
    let count = num(ev.count);
    const series = ev.series ? rec(ev.series) : undefined;
    if (series) {
      last = since(str(series.lastObservedTime), o.now);
      count = num(series.count);
    } else if (count === 0) count = 1;
    const src = rec(ev.source);
    const component = str(src.component) || str(ev.reportingComponent);
    const host = str(src.host) || str(ev.reportingInstance);
    return [
      last,
      str(ev.type),
      str(ev.reason),
      eventTarget(ev),
      str(rec(ev.involvedObject).fieldPath),
      host ? `${component}, ${host}` : component,
      str(ev.message).trim(),
      first,
      count,
      ev.metadata.name,
    ];
  },
});

registerPrinter('ConfigMap', {
  columns: [NAME_COL, col('Data', 'string', 'Data contains the configuration data.'), AGE_COL],
  row: (cm, o) => [
    cm.metadata.name,
    Object.keys(rec(cm.data)).length + Object.keys(rec(cm.binaryData)).length,
    since(cm.metadata.creationTimestamp, o.now),
  ],
});

registerPrinter('Secret', {
  columns: [NAME_COL, col('Type', 'string', 'Used to facilitate programmatic handling of secret data.'), col('Data', 'string', 'Data contains the secret data.'), AGE_COL],
  row: (s, o) => [s.metadata.name, str(s.type), Object.keys(rec(s.data)).length, since(s.metadata.creationTimestamp, o.now)],
});

registerPrinter('ServiceAccount', {
  columns: [NAME_COL, col('Secrets', 'string', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.'), AGE_COL],
  row: (sa, o) => [sa.metadata.name, arr(sa.secrets).length, since(sa.metadata.creationTimestamp, o.now)],
});

function externalIP(svc: KObject, wide: boolean): string {
  const sp = spec(svc);
  const ext = arr(sp.externalIPs).map(str);
  switch (str(sp.type)) {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const ips = [
        ...new Set(arr(rec(rec(status(svc).loadBalancer)).ingress).map((i) => str(rec(i).ip) || str(rec(i).hostname)).filter(Boolean)),
      ].sort();
      let lb = ips.join(',');
      if (!wide && lb.length > 16) lb = lb.slice(0, 13) + '...';
      if (ext.length) return [...(lb ? lb.split(',') : []), ...ext].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return str(sp.externalName);
  }
  return '<unknown>';
}

registerPrinter('Service', {
  columns: [
    NAME_COL,
    col('Type', 'string', 'type determines how the Service is exposed.'),
    col('Cluster-IP', 'string', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
    col('External-IP', 'string', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'),
    col('Port(s)', 'string', 'The list of ports that are exposed by this service.'),
    AGE_COL,
    col('Selector', 'string', 'Route service traffic to pods with label keys and values matching this selector.', 1),
  ],
  row: (svc, o) => {
    const sp = spec(svc);
    const ips = arr(sp.clusterIPs).map(str);
    const ports = arr(sp.ports)
      .map(rec)
      .map((p) => (num(p.nodePort) > 0 ? `${num(p.port)}:${num(p.nodePort)}/${str(p.protocol)}` : `${num(p.port)}/${str(p.protocol)}`))
      .join(',');
    return [
      svc.metadata.name,
      str(sp.type),
      ips.length ? ips[0] : '<none>',
      externalIP(svc, false),
      ports || '<none>',
      since(svc.metadata.creationTimestamp, o.now),
      formatLabels(rec(sp.selector) as Record<string, string>),
    ];
  },
});
