// The graph's layout as a pure function of the cluster's structure (not of statuses, so a phase change
// never moves anything). Bands from top to bottom: control plane & CSI components, the cluster (zones →
// node containers → pods with their mounts, plus workloads and unscheduled pods on the right),
// VolumeAttachments under their node, claims under their pods, volumes under their claims, classes on the
// right, and the storage backend (disks, NAS) under the volumes that use them. Within a row, items keep
// their preferred x (under what they belong to) and are pushed right only to avoid overlap, so the
// picture stays put as objects come and go.
import type { KObject } from '../engine/model/types';
import type { AssetRecord, ClusterInfo } from './messages';

export const CARD_W = 228;
export const CARD_H = 70;
export const GAP = 20;
export const NODE_W = 268;
export const NODE_HEADER = 64;
export const POD_H = 100;
export const POD_GAP = 10;
export const ZONE_PAD = 16;
export const ZONE_LABEL = 30;
export const COMP_W = 232;
export const COMP_H = 44;
/** height of a row's section label, and the gap between rows */
const SECTION = 24;
const ROW_GAP = 24;
/** room between components for a call's label travelling along the edge */
export const COMP_GAP = 170;

export type GNodeType = 'object' | 'pod' | 'node' | 'zone' | 'component' | 'asset' | 'section';

export interface GNode {
  readonly id: string;
  readonly type: GNodeType;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly parent?: string;
  readonly data: Readonly<Record<string, string | number | boolean | undefined>>;
}

export interface GEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: 'claim' | 'volume' | 'class' | 'asset' | 'attach' | 'owner';
}

export interface Layout {
  readonly nodes: readonly GNode[];
  readonly edges: readonly GEdge[];
  readonly width: number;
  readonly height: number;
}

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Order of the control-plane slots, so a component always appears in the same place. */
export const COMPONENT_ORDER = ['pv-controller', 'scheduler', 'attachdetach-controller', 'csi-provisioner', 'csi-controller', 'csi-attacher'];
/** controllers of kube-controller-manager and the scheduler on the first row, CSI parts on the second */
const CSI_PARTS = new Set(['csi-provisioner', 'csi-controller', 'csi-attacher']);

const key = (kind: string, ns: string | undefined, name: string) => (ns ? `${kind}/${ns}/${name}` : `${kind}//${name}`);

/** Places items left to right at their preferred x, never overlapping (sorted by preference, then id). */
export function pack<T extends { id: string; want: number; w: number }>(items: T[], start: number): Map<string, number> {
  const sorted = [...items].sort((a, b) => a.want - b.want || cmpStr(a.id, b.id));
  const out = new Map<string, number>();
  let cursor = start;
  for (const it of sorted) {
    const x = Math.max(it.want, cursor);
    out.set(it.id, x);
    cursor = x + it.w + GAP;
  }
  return out;
}

export function componentBase(id: string): string {
  return id.split('/')[0];
}

export interface LayoutInput {
  readonly objects: Readonly<Record<string, KObject>>;
  readonly assets: readonly AssetRecord[];
  readonly cluster?: ClusterInfo;
  /** component ids that have acted (trace from/to) */
  readonly components: readonly string[];
}

export function computeLayout(inp: LayoutInput): Layout {
  const nodes: GNode[] = [];
  const edges: GEdge[] = [];
  // one pass over the objects, grouped by kind, each group sorted by namespace/name (code-point order:
  // the same on every machine, and several times cheaper than localeCompare with a thousand volumes)
  const groups = new Map<string, KObject[]>();
  for (const o of Object.values(inp.objects)) {
    const g = groups.get(o.kind);
    if (g) g.push(o);
    else groups.set(o.kind, [o]);
  }
  for (const g of groups.values()) g.sort(cmpName);
  const byKind = (k: string): KObject[] => groups.get(k) ?? [];

  // ---- control plane ------------------------------------------------------------------------------
  // Rows with nothing in them take no room: before anything acted there is no control-plane row, and a
  // cluster without CSI parts has one component row, not two.
  let y = 0;
  const global = inp.components.filter((c) => !c.startsWith('kubelet/') && !c.startsWith('csi-node/'));
  const ordered = [...global].sort((a, b) => rank(a) - rank(b) || cmpStr(a, b));
  // fixed slots: a component appears where it will always be
  const rows = [ordered.filter((c) => !CSI_PARTS.has(componentBase(c))), ordered.filter((c) => CSI_PARTS.has(componentBase(c)))].filter((r) => r.length > 0);
  if (rows.length) {
    nodes.push(section('section:control', 0, y, 'graph.controlPlane'));
    y += SECTION;
  }
  rows.forEach((row, r) => {
    const used = new Set<number>();
    for (const c of row) {
      const i = COMPONENT_ORDER.indexOf(componentBase(c));
      const csiRow = CSI_PARTS.has(componentBase(c));
      let slot = i < 0 ? 3 : csiRow ? i - 3 : i;
      while (used.has(slot)) slot = Math.max(3, slot + 1); // a second driver's controller goes to the right
      used.add(slot);
      nodes.push({ id: `comp:${c}`, type: 'component', x: slot * (COMP_W + COMP_GAP), y: y + r * (COMP_H + 12), w: COMP_W, h: COMP_H, data: { name: c } });
    }
  });
  if (rows.length) y += rows.length * COMP_H + (rows.length - 1) * 12 + ROW_GAP;

  // ---- cluster: zones and node containers --------------------------------------------------------
  nodes.push(section('section:cluster', 0, y, 'graph.cluster'));
  y += SECTION;
  const clusterTop = y;
  const nodeObjs = byKind('Node');
  const zoneOf = (n: KObject) =>
    (n.metadata.labels ?? {})['topology.kubernetes.io/zone'] ?? inp.cluster?.nodes.find((c) => c.name === n.metadata.name)?.zone ?? '';
  const pods = byKind('Pod');
  const podsOn = new Map<string, KObject[]>();
  const unscheduled: KObject[] = [];
  const nodeNames = new Set(nodeObjs.map((n) => n.metadata.name));
  for (const p of pods) {
    const nn = (p.spec as Any | undefined)?.nodeName as string | undefined;
    if (nn && nodeNames.has(nn)) podsOn.set(nn, [...(podsOn.get(nn) ?? []), p]);
    else unscheduled.push(p);
  }
  // node containers grow with the most crowded node (all the same height, so the zones line up)
  const maxPods = Math.max(0, ...[...podsOn.values()].map((l) => l.length));
  const nodeH = NODE_HEADER + maxPods * (POD_H + POD_GAP) + 6;
  const zones = [...new Set(nodeObjs.map(zoneOf))].sort();
  const nodeX = new Map<string, number>();
  let x = 0;
  for (const z of zones) {
    const members = nodeObjs.filter((n) => zoneOf(n) === z);
    const w = ZONE_PAD * 2 + members.length * NODE_W + (members.length - 1) * GAP;
    nodes.push({ id: `zone:${z}`, type: 'zone', x, y: clusterTop, w, h: ZONE_LABEL + nodeH + ZONE_PAD, data: { name: z } });
    members.forEach((n, i) => {
      const nx = x + ZONE_PAD + i * (NODE_W + GAP);
      const id = key('Node', undefined, n.metadata.name);
      nodeX.set(n.metadata.name, nx);
      nodes.push({ id, type: 'node', x: nx, y: clusterTop + ZONE_LABEL, w: NODE_W, h: nodeH, data: { k: id, zone: z } });
      const chips = inp.components.filter((c) => c.endsWith(`/${n.metadata.name}`)).sort((a, b) => Number(!a.startsWith('kubelet/')) - Number(!b.startsWith('kubelet/')));
      // kubelet on the left, the CSI node service on the right: the calls between them need room
      chips.forEach((c, ci) =>
        nodes.push({ id: `comp:${c}`, type: 'component', x: ci === 0 ? 10 : NODE_W - 10 - 100, y: 36, w: 100, h: 24, parent: id, data: { name: c, chip: true } }),
      );
      (podsOn.get(n.metadata.name) ?? []).forEach((p, pi) => {
        const pk = keyOf(p);
        nodes.push({ id: pk, type: 'pod', x: 10, y: NODE_HEADER + pi * (POD_H + POD_GAP), w: NODE_W - 20, h: POD_H, parent: id, data: { k: pk } });
      });
    });
    x += w + GAP * 2;
  }
  // workloads and unscheduled pods to the right of the zones
  const workloads = [...byKind('Deployment'), ...byKind('StatefulSet'), ...byKind('ReplicaSet')];
  if (workloads.length || unscheduled.length) {
    let wy = clusterTop;
    const wx = x;
    if (workloads.length) {
      nodes.push(section('section:workloads', wx, wy, 'graph.workloads'));
      wy += 26;
      for (const w of workloads) {
        const wk = keyOf(w);
        nodes.push({ id: wk, type: 'object', x: wx, y: wy, w: CARD_W, h: CARD_H, data: { k: wk } });
        for (const r of w.metadata.ownerReferences ?? []) {
          const ok = key(r.kind, w.metadata.namespace, r.name);
          if (inp.objects[ok]) edges.push({ id: `own:${ok}->${wk}`, source: ok, target: wk, kind: 'owner' });
        }
        wy += CARD_H + 12;
      }
    }
    if (unscheduled.length) {
      nodes.push(section('section:unscheduled', wx + (workloads.length ? CARD_W + GAP : 0), clusterTop, 'graph.unscheduled'));
      unscheduled.forEach((p, i) => {
        const pk = keyOf(p);
        nodes.push({ id: pk, type: 'pod', x: wx + (workloads.length ? CARD_W + GAP : 0), y: clusterTop + 26 + i * (POD_H + 10), w: NODE_W - 20, h: POD_H, data: { k: pk } });
      });
    }
    x = wx + (workloads.length ? CARD_W + GAP : 0) + (unscheduled.length ? NODE_W : 0);
  }
  for (const p of pods)
    for (const r of p.metadata.ownerReferences ?? []) {
      const ok = key(r.kind, p.metadata.namespace, r.name);
      if (inp.objects[ok]) edges.push({ id: `own:${ok}->${keyOf(p)}`, source: ok, target: keyOf(p), kind: 'owner' });
    }
  const unschedH = unscheduled.length ? 26 + unscheduled.length * (POD_H + 10) : 0;
  const wlH = workloads.length ? 26 + workloads.length * (CARD_H + 12) : 0;
  y = clusterTop + Math.max(ZONE_LABEL + nodeH + ZONE_PAD, unschedH, wlH) + ROW_GAP;

  // absolute x of a pod card's centre, for placing what hangs under it
  const podCenter = new Map<string, number>();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const n of nodes) {
    if (n.type !== 'pod') continue;
    const parent = n.parent ? byId.get(n.parent) : undefined;
    podCenter.set(n.id, (parent?.x ?? 0) + n.x + n.w / 2);
  }

  // ---- VolumeAttachments under their node ---------------------------------------------------------
  const vas = byKind('VolumeAttachment');
  if (vas.length) {
    const pos = pack(
      vas.map((va) => ({ id: keyOf(va), w: CARD_W, want: (nodeX.get((va.spec as Any)?.nodeName) ?? 0) + (NODE_W - CARD_W) / 2 })),
      0,
    );
    for (const va of vas) {
      const vk = keyOf(va);
      nodes.push({ id: vk, type: 'object', x: pos.get(vk)!, y, w: CARD_W, h: CARD_H, data: { k: vk } });
      const nn = (va.spec as Any)?.nodeName as string | undefined;
      if (nn) edges.push({ id: `att:${nn}->${vk}`, source: key('Node', undefined, nn), target: vk, kind: 'attach' });
      const pvn = (va.spec as Any)?.source?.persistentVolumeName as string | undefined;
      if (pvn && inp.objects[key('PersistentVolume', undefined, pvn)])
        edges.push({ id: `att:${vk}->${pvn}`, source: vk, target: key('PersistentVolume', undefined, pvn), kind: 'attach' });
    }
    y += CARD_H + ROW_GAP;
  }

  // ---- claims, volumes, classes -------------------------------------------------------------------
  const pvcs = byKind('PersistentVolumeClaim');
  const pvs = byKind('PersistentVolume');
  const scs = byKind('StorageClass');
  const hasClaimsRow = pvcs.length + pvs.length + scs.length > 0;
  if (hasClaimsRow) {
    nodes.push(section('section:claims', 0, y, 'graph.claims'));
    y += SECTION;
  }
  const claimsTop = y;
  const claimUsers = new Map<string, string[]>();
  for (const p of pods)
    for (const v of ((p.spec as Any)?.volumes ?? []) as Any[]) {
      const cn = v.persistentVolumeClaim?.claimName as string | undefined;
      if (!cn) continue;
      const ck = key('PersistentVolumeClaim', p.metadata.namespace, cn);
      claimUsers.set(ck, [...(claimUsers.get(ck) ?? []), keyOf(p)]);
      if (inp.objects[ck]) edges.push({ id: `claim:${keyOf(p)}->${ck}:${v.name}`, source: keyOf(p), target: ck, kind: 'claim' });
    }
  const seqX = (i: number) => i * (CARD_W + GAP);
  // Volumes keep their slot (sorted by name), so binding never moves them; a claim sits over the volume
  // it is bound to, else under the pods that use it.
  // the volumes' row stays under the claims' row even while there are no claims: the first claim then
  // appears above its volume instead of pushing every volume down
  const pvY = y + CARD_H + 30;
  const pvPos = new Map(pvs.map((pv, i) => [keyOf(pv), seqX(i)]));
  const pvcPos = pack(
    pvcs.map((c, i) => {
      const vn = (c.spec as Any)?.volumeName as string | undefined;
      const bound = vn ? pvPos.get(key('PersistentVolume', undefined, vn)) : undefined;
      const users = (claimUsers.get(keyOf(c)) ?? []).map((u) => podCenter.get(u)).filter((v): v is number => v !== undefined);
      const want = bound ?? (users.length ? users.reduce((a, b) => a + b, 0) / users.length - CARD_W / 2 : seqX(pvs.length + i));
      return { id: keyOf(c), w: CARD_W, want: Math.max(0, want) };
    }),
    0,
  );
  for (const c of pvcs) nodes.push({ id: keyOf(c), type: 'object', x: pvcPos.get(keyOf(c))!, y, w: CARD_W, h: CARD_H, data: { k: keyOf(c) } });
  y = pvY;

  let pvRight = 0;
  for (const pv of pvs) {
    const pk = keyOf(pv);
    const px = pvPos.get(pk)!;
    pvRight = Math.max(pvRight, px + CARD_W);
    nodes.push({ id: pk, type: 'object', x: px, y, w: CARD_W, h: CARD_H, data: { k: pk } });
    const s = (pv.spec ?? {}) as Any;
    if (s.claimRef?.name) {
      const ck = key('PersistentVolumeClaim', s.claimRef.namespace, s.claimRef.name);
      if (inp.objects[ck] && (inp.objects[ck].spec as Any)?.volumeName === pv.metadata.name)
        edges.push({ id: `vol:${ck}->${pk}`, source: ck, target: pk, kind: 'volume' });
    }
    if (s.storageClassName && inp.objects[key('StorageClass', undefined, s.storageClassName)])
      edges.push({ id: `cls:${pk}`, source: pk, target: key('StorageClass', undefined, s.storageClassName), kind: 'class' });
  }
  for (const c of pvcs) {
    const s = (c.spec ?? {}) as Any;
    // a claim still waiting for a volume points at the class that will provision it
    if (!s.volumeName && s.storageClassName && inp.objects[key('StorageClass', undefined, s.storageClassName)])
      edges.push({ id: `cls:${keyOf(c)}`, source: keyOf(c), target: key('StorageClass', undefined, s.storageClassName), kind: 'class' });
  }
  // classes stacked in a column to the right of claims and volumes
  const rightCol = Math.max(pvRight, ...[...pvcPos.values()].map((v) => v + CARD_W), NODE_W * 2) + GAP * 4;
  const scTop = claimsTop;
  scs.forEach((sc, i) => nodes.push({ id: keyOf(sc), type: 'object', x: rightCol, y: scTop + i * (CARD_H + 12), w: CARD_W, h: CARD_H, data: { k: keyOf(sc) } }));
  if (hasClaimsRow) y = Math.max(pvs.length ? y + CARD_H + ROW_GAP : y, scTop + scs.length * (CARD_H + 12) + 16);

  // ---- storage backend ----------------------------------------------------------------------------
  const zoneX = new Map<string, number>();
  for (const n of nodes) if (n.type === 'zone') zoneX.set(String(n.data.name), n.x);
  const handleToPv = new Map<string, string>();
  for (const pv of pvs) {
    const h = (pv.spec as Any)?.csi?.volumeHandle as string | undefined;
    if (h) handleToPv.set(h, keyOf(pv));
  }
  // node directories and emptyDirs live on nodes; the backend row shows network storage (disks, NAS)
  const visibleAssets = inp.assets.filter((a) => (a.kind === 'disk' || a.kind === 'filesystem' || a.kind === 'snapshot') && (!a.deleted || handleToPv.has(a.id)));
  if (visibleAssets.length) {
    nodes.push(section('section:storage', 0, y, 'graph.storage'));
    y += SECTION;
  }
  const assetPos = pack(
    visibleAssets.map((a, i) => {
      const pk = handleToPv.get(a.id);
      const want = pk !== undefined ? pvPos.get(pk) : a.zone !== undefined ? zoneX.get(a.zone) : undefined;
      return { id: `asset:${a.id}`, w: CARD_W, want: want ?? seqX(i) };
    }),
    0,
  );
  for (const a of visibleAssets) {
    const id = `asset:${a.id}`;
    const pk = handleToPv.get(a.id);
    nodes.push({ id, type: 'asset', x: assetPos.get(id)!, y, w: CARD_W, h: CARD_H + 8, data: { id: a.id, pv: pk } });
    if (pk) edges.push({ id: `asset:${pk}->${a.id}`, source: pk, target: id, kind: 'asset' });
  }
  if (visibleAssets.length) y += CARD_H + 20;

  const width = Math.max(0, ...nodes.filter((n) => !n.parent).map((n) => n.x + n.w));
  return { nodes, edges, width, height: y };
}

function rank(c: string): number {
  const i = COMPONENT_ORDER.indexOf(componentBase(c));
  return i < 0 ? COMPONENT_ORDER.length : i;
}

function section(id: string, x: number, y: number, label: string): GNode {
  return { id, type: 'section', x, y, w: 320, h: 22, data: { label } };
}

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function cmpName(a: KObject, b: KObject): number {
  return cmpStr(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || cmpStr(a.metadata.name, b.metadata.name);
}

export function keyOf(o: KObject): string {
  return key(o.kind, o.metadata.namespace || undefined, o.metadata.name);
}

/**
 * Objects related to a selection: follow edges both ways (pod → claim → volume → class / asset, and the
 * node and attachments), but do not walk through hubs (a class, a node), which relate to everything.
 */
export function relatedTo(start: string, edges: readonly GEdge[], parents: ReadonlyMap<string, string>): Set<string> {
  const adj = new Map<string, string[]>();
  const link = (a: string, b: string) => adj.set(a, [...(adj.get(a) ?? []), b]);
  for (const e of edges) {
    link(e.source, e.target);
    link(e.target, e.source);
  }
  const isHub = (id: string) => id.startsWith('StorageClass/') || id.startsWith('Node/');
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length) {
    const cur = queue.shift()!;
    const p = parents.get(cur);
    if (p && !seen.has(p)) seen.add(p); // a pod's node
    if (cur !== start && isHub(cur)) continue;
    for (const n of adj.get(cur) ?? []) {
      if (seen.has(n)) continue;
      seen.add(n);
      queue.push(n);
    }
  }
  return seen;
}
