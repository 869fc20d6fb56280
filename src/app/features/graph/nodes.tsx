// Graph node renderers. Each card subscribes only to its own object record (and to two booleans: is it
// related to the selection, is a call in flight for it), so a patch re-renders just the cards it touched.
// Names and labels are rendered as React text, never as HTML.
import { memo, useEffect, useRef } from 'react';
// Motion values (useTransform of the virtual clock) bound to styles by useMotionStyle, and useAnimate from
// motion's mini build (WAAPI): far smaller than motion's full component bundle, which nothing here needs.
import { useTransform } from 'motion/react';
import { useAnimate } from 'motion/react-mini';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { KObject } from '../../../engine/model/types';
import { displayStatus, toneOf } from '../../../protocol/status';
import { useCluster } from '../../state/cluster';
import { useT, type MessageKey } from '../../i18n';
import { useDerived } from './derived';
import { progressAt, useMotionStyle, virtualNow } from './virtual-now';
import type { TimedTrace } from '../../../engine/sim/simulation';
import { componentBase } from '../../../protocol/layout';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Data = { data: Record<string, unknown> };

const MODES: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
export const modes = (m: unknown) => ((m as string[] | undefined) ?? []).map((x) => MODES[x] ?? x).join(',');

const KIND_ABBR: Record<string, string> = {
  PersistentVolume: 'PV',
  PersistentVolumeClaim: 'PVC',
  StorageClass: 'SC',
  VolumeAttachment: 'VA',
  Pod: 'Pod',
  Deployment: 'Deploy',
  ReplicaSet: 'RS',
  StatefulSet: 'STS',
  Node: 'Node',
};

/**
 * Long names shortened in the middle, so what tells them apart stays visible: `pvc-3f2a…e19c07`,
 * `cn-hangz…168.0.12`. The full name is on hover (title) and in the inspector.
 */
export function shortName(name: string, max = 16): string {
  if (name.length <= max) return name;
  const head = Math.ceil((max - 1) / 2);
  return `${name.slice(0, head)}…${name.slice(name.length - (max - 1 - head))}`;
}

/** How many characters of a name fit on a card's first line next to its kind and status badge (13.5 px mono). */
export function nameRoom(status: string | undefined): number {
  const badge = status ? status.length * 7.2 + 16 : 0;
  return Math.max(8, Math.floor((170 - badge) / 8.6));
}

export function subtitle(o: KObject): string {
  const s = (o.spec ?? {}) as Any;
  switch (o.kind) {
    case 'PersistentVolumeClaim':
      return [s.resources?.requests?.storage, modes(s.accessModes), s.storageClassName ?? '""'].filter(Boolean).join(' · ');
    case 'PersistentVolume':
      return [s.capacity?.storage, modes(s.accessModes), s.persistentVolumeReclaimPolicy].filter(Boolean).join(' · ');
    case 'StorageClass': {
      const sc = o as Any;
      return [String(sc.provisioner ?? '').split('.')[0], sc.reclaimPolicy ?? 'Delete', sc.volumeBindingMode === 'WaitForFirstConsumer' ? 'WFFC' : 'Immediate'].join(' · ');
    }
    case 'VolumeAttachment':
      return `${s.source?.persistentVolumeName ?? ''} → ${s.nodeName ?? ''}`;
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet': {
      const st = (o.status ?? {}) as Any;
      return `READY ${st.readyReplicas ?? 0}/${s.replicas ?? 1}`; // kubectl's column word
    }
    default:
      return '';
  }
}

/**
 * Reasons that mean "waiting on something" although upstream records them as Normal events
 * (pv_controller.go: FailedBinding when no PV matches and no class is set; WaitForFirstConsumer).
 */
const STUCK_NORMAL_REASONS = new Set(['FailedBinding', 'WaitForFirstConsumer', 'WaitForPodScheduled']);

function useWarning(k: string): string | undefined {
  return useCluster((s) => {
    const e = s.lastEvent[k];
    return e && (e.type === 'Warning' || STUCK_NORMAL_REASONS.has(e.reason)) ? e.reason : undefined;
  });
}

function Handles() {
  return (
    <>
      <Handle type="target" position={Position.Top} id="t" isConnectable={false} />
      <Handle type="source" position={Position.Bottom} id="b" isConnectable={false} />
      <Handle type="target" position={Position.Left} id="l" isConnectable={false} />
      <Handle type="source" position={Position.Right} id="r" isConnectable={false} />
      <Handle type="target" position={Position.Right} id="tr" isConnectable={false} />
      <Handle type="source" position={Position.Left} id="sl" isConnectable={false} />
      <Handle type="source" position={Position.Top} id="st" isConnectable={false} />
      <Handle type="target" position={Position.Bottom} id="tb" isConnectable={false} />
    </>
  );
}

/**
 * A status word. When the engine moves the object to another phase, the badge pops (motion, scale) while
 * its colours cross-fade (CSS transition); nothing runs on first mount, so a graph of hundreds of cards
 * appears without hundreds of animations.
 */
export function StatusBadge({ status, testid }: { status: string | undefined; testid?: string }) {
  const anim = useDerived((s) => s.animate);
  const [scope, animate] = useAnimate<HTMLSpanElement>();
  const prev = useRef(status);
  useEffect(() => {
    if (prev.current === status) return;
    prev.current = status;
    // a pop and a ring in the new phase's colour (no colour transition: a theme switch must not animate)
    if (anim && scope.current && !reducedMotion())
      void animate(
        scope.current,
        { transform: ['scale(1.35)', 'scale(1)'], boxShadow: ['0 0 0 5px currentColor', '0 0 0 0 transparent'] },
        { duration: 0.5, ease: 'easeOut' },
      );
  }, [status, anim, animate, scope]);
  if (!status) return null;
  return (
    <span ref={scope} className={`badge tone-${toneOf(status)}`} data-testid={testid} data-phase={status}>
      {status}
    </span>
  );
}

function reducedMotion(): boolean {
  return globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

const MOUNT_CALLS = ['NodeStageVolume', 'NodePublishVolume', 'NodeUnpublishVolume'];
const ATTACH_CALLS = ['ControllerPublishVolume', 'ControllerUnpublishVolume'];

/**
 * The lesson's three phases on the cards themselves: a bar under the disk while it is attached to (or
 * detached from) its node, a bar in the pod while its volume is staged and mounted. Progress comes from the
 * call's trace and the virtual clock only (virtual-now.ts).
 */
function CallProgress({ k, calls }: { k: string | undefined; calls: readonly string[] }) {
  const tr = useDerived((s) => (k ? s.calls.get(k)?.filter((t) => calls.includes(t.call)).at(-1) : undefined));
  if (!tr) return null;
  return <CallBar trace={tr} />;
}

function CallBar({ trace }: { trace: TimedTrace }) {
  // external-attacher's traces name the node ("node node-1"): the disk is going there
  const target = trace.detail?.startsWith('node ') ? trace.detail.slice(5) : undefined;
  const fill = useTransform(virtualNow, (now) => `scaleX(${progressAt(trace, now)})`);
  const bar = useRef<HTMLSpanElement>(null);
  useMotionStyle(bar, { transform: fill });
  return (
    <div className={`call-progress ${trace.ok ? '' : 'failed'}`} data-testid={`graph.progress.${trace.call}`} title={`${trace.call} ${trace.detail ?? ''}`}>
      <span className="call-progress-label">{target ? `→ ${shortName(target, 17)}` : trace.call}</span>
      <span className="call-progress-track">
        <span ref={bar} className="call-progress-fill" />
      </span>
    </div>
  );
}

function useDim(k: string): string {
  const rel = useDerived((s) => (s.related ? (s.related.has(k) ? 'related' : 'dim') : ''));
  const busy = useDerived((s) => s.busy.has(k));
  const sel = useDerived((s) => s.selected === k);
  return `${rel} ${busy ? 'busy' : ''} ${sel ? 'selected' : ''}`;
}

export const ObjectNode = memo(function ObjectNode({ data }: NodeProps & Data) {
  const k = data.k as string;
  const o = useCluster((s) => s.objects[k]);
  const warn = useWarning(k);
  const cls = useDim(k);
  const anim = useDerived((s) => s.animate);
  if (!o) return null;
  const status = displayStatus(o);
  const stuck = warn && toneOf(status) !== 'ok';
  return (
    <div
      className={`card kind-${o.kind} tone-${toneOf(status)} ${cls} ${anim ? 'appear' : ''}`}
      data-testid={`graph.node.${o.kind}.${o.metadata.namespace ?? ''}.${o.metadata.name}`}
      data-status={status ?? ''}
    >
      <Handles />
      <div className="card-head">
        <span className="kind">{KIND_ABBR[o.kind] ?? o.kind}</span>
        <span className="name" title={o.metadata.name}>
          {shortName(o.metadata.name, nameRoom(status))}
        </span>
        <StatusBadge status={status} />
      </div>
      <div className="card-sub" title={subtitle(o)}>
        {subtitle(o)}
      </div>
      {stuck && (
        <div className="card-warn" data-testid="graph.warning">
          ⚠ {warn}
        </div>
      )}
    </div>
  );
});

function mountsOf(o: KObject): { path: string; source: string; ro: boolean }[] {
  const s = (o.spec ?? {}) as Any;
  const vols = new Map<string, Any>(((s.volumes ?? []) as Any[]).map((v) => [v.name, v]));
  const out: { path: string; source: string; ro: boolean }[] = [];
  for (const c of (s.containers ?? []) as Any[])
    for (const m of (c.volumeMounts ?? []) as Any[]) {
      const v = vols.get(m.name) ?? {};
      // the service account token volume admission injects into every pod is not part of the lesson
      if (v.projected && String(m.name).startsWith('kube-api-access-')) continue;
      const src = v.persistentVolumeClaim
        ? `pvc/${v.persistentVolumeClaim.claimName}`
        : (Object.keys(v).find((x) => x !== 'name') ?? m.name);
      out.push({ path: `${m.mountPath}${m.subPath ? ` (${m.subPath})` : ''}`, source: src, ro: !!m.readOnly });
    }
  return out;
}

export const PodNode = memo(function PodNode({ data }: NodeProps & Data) {
  const k = data.k as string;
  const o = useCluster((s) => s.objects[k]);
  const warn = useWarning(k);
  const cls = useDim(k);
  const anim = useDerived((s) => s.animate);
  if (!o) return null;
  const status = displayStatus(o);
  const mounts = mountsOf(o);
  const stuck = warn && toneOf(status) !== 'ok';
  return (
    <div
      className={`card pod tone-${toneOf(status)} ${cls} ${anim ? 'appear' : ''}`}
      data-testid={`graph.node.Pod.${o.metadata.namespace}.${o.metadata.name}`}
      data-status={status ?? ''}
      data-node={(o.spec as Any)?.nodeName ?? ''}
    >
      <Handles />
      <div className="card-head">
        <span className="kind">Pod</span>
        <span className="name" title={o.metadata.name}>
          {shortName(o.metadata.name, 22)}
        </span>
      </div>
      <div className="pod-status">
        <StatusBadge status={status} />
        {stuck && (
          <span className="card-warn" data-testid="graph.warning">
            ⚠ {warn}
          </span>
        )}
      </div>
      <CallProgress k={k} calls={MOUNT_CALLS} />
      <div className="mounts">
        {mounts.slice(0, 2).map((m, i) => (
          <div className="mount" key={i} title={`${m.path} ← ${m.source}`}>
            <span className="mount-path">{m.path}</span>
            <span className="mount-src">← {m.source}</span>
            {m.ro && <span className="ro">ro</span>}
          </div>
        ))}
        {mounts.length > 2 && <div className="mount more">+{mounts.length - 2}</div>}
      </div>
    </div>
  );
});

export const NodeContainer = memo(function NodeContainer({ data }: NodeProps & Data) {
  const k = data.k as string;
  const o = useCluster((s) => s.objects[k]);
  const cls = useDim(k);
  if (!o) return null;
  const ready = ((o.status as Any)?.conditions ?? []).find((c: Any) => c.type === 'Ready')?.status === 'True';
  return (
    <div className={`node-box ${cls}`} data-testid={`graph.node.Node..${o.metadata.name}`}>
      <Handles />
      <div className="node-head">
        <svg viewBox="0 0 24 24" className="node-svg" aria-hidden>
          <rect x="3" y="4" width="18" height="7" rx="1.5" />
          <rect x="3" y="13" width="18" height="7" rx="1.5" />
        </svg>
        <span className="name" title={o.metadata.name}>
          {shortName(o.metadata.name, 17)}
        </span>
        <span className={`badge tone-${ready ? 'ok' : 'bad'}`}>{ready ? 'Ready' : 'NotReady'}</span>
      </div>
    </div>
  );
});

export function ZoneBand({ data }: NodeProps & Data) {
  const t = useT();
  return (
    <div className="zone-band">
      <span className="zone-label">
        {t('graph.zone')} {String(data.name || '—')}
      </span>
    </div>
  );
}

export function SectionLabel({ data }: NodeProps & Data) {
  const t = useT();
  return <div className="section-label">{t(data.label as MessageKey)}</div>;
}

/** `csi-controller/diskplugin.csi.alibabacloud.com` → ['CSI controller', 'diskplugin']; per-node parts drop the node. */
export function componentLabel(t: (k: MessageKey) => string, id: string): [string, string | undefined] {
  const base = componentBase(id);
  const rest = id.slice(base.length + 1);
  const known = `comp.${base}` as MessageKey;
  const label = t(known) === known ? base : t(known);
  if (!rest || base === 'kubelet' || base === 'csi-node') return [label, undefined];
  return [label, rest.split('.')[0]];
}

export const ComponentNode = memo(function ComponentNode({ data }: NodeProps & Data) {
  const t = useT();
  const id = data.name as string;
  const busy = useDerived((s) => s.busy.has(`comp:${id}`));
  const [label, sub] = componentLabel(t, id);
  return (
    <div
      className={`component appear ${data.chip ? 'chip' : ''} ${busy ? 'busy' : ''}`}
      data-testid={`graph.component.${id}`}
      title={id}
    >
      <Handles />
      <span className="comp-dot" />
      <span className="comp-text">
        <span className="comp-label">{label}</span>
        {sub && !data.chip && <span className="comp-sub">{sub}</span>}
      </span>
    </div>
  );
});

function bytesLabel(n: number): string {
  const gi = n / 1024 ** 3;
  return gi >= 1 ? `${Math.round(gi * 10) / 10}Gi` : `${Math.round(n / 1024 ** 2)}Mi`;
}

/** "attached to <node>": slides in when the disk's attachment appears (the attach completed). */
function AttachedLine({ anim, children }: { anim: boolean; children: React.ReactNode }) {
  const [scope, animate] = useAnimate<HTMLDivElement>();
  useEffect(() => {
    if (!anim || !scope.current || reducedMotion()) return;
    void animate(scope.current, { opacity: [0, 1], transform: ['translateX(-10px)', 'translateX(0)'] }, { duration: 0.35, ease: 'easeOut' });
  }, [anim, animate, scope]);
  return (
    <div ref={scope} className="card-sub attached">
      {children}
    </div>
  );
}

export const AssetNode = memo(function AssetNode({ data }: NodeProps & Data) {
  const t = useT();
  const id = data.id as string;
  const a = useCluster((s) => s.assets.find((x) => x.id === id));
  const cls = useDim(`asset:${id}`);
  const anim = useDerived((s) => s.animate);
  if (!a) return null;
  const icon =
    a.kind === 'disk' ? (
      <svg viewBox="0 0 24 24" className="asset-svg" aria-hidden>
        <rect x="3" y="6" width="18" height="12" rx="2" />
        <circle cx="17" cy="12" r="1.6" fill="var(--panel)" />
      </svg>
    ) : (
      <svg viewBox="0 0 24 24" className="asset-svg" aria-hidden>
        <ellipse cx="12" cy="6" rx="8" ry="3" />
        <path d="M4 6v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6c0 1.7-3.6 3-8 3S4 7.7 4 6z" />
      </svg>
    );
  return (
    <div className={`asset appear ${a.deleted ? 'deleted' : ''} ${cls}`} data-testid={`graph.asset.${id}`} >
      <Handles />
      <div className="card-head">
        <span className="asset-icon">{icon}</span>
        <span className="name" title={a.id}>
          {shortName(a.id, 14)}
        </span>
        <span className="files" title={t('graph.files')}>
          {a.fileCount} {t('graph.files')}
        </span>
      </div>
      <div className="card-sub">
        {[a.kind, bytesLabel(a.sizeBytes), a.zone].filter(Boolean).join(' · ')}
        {a.deleted ? ` · ${t('graph.deleted')}` : ''}
      </div>
      <CallProgress k={data.pv as string | undefined} calls={ATTACH_CALLS} />
      {a.attachedTo.length > 0 && (
        <AttachedLine anim={anim}>
          ⛓ {t('graph.attachedTo')} {a.attachedTo.join(', ')}
        </AttachedLine>
      )}
    </div>
  );
});

export const NODE_TYPES = {
  object: ObjectNode,
  pod: PodNode,
  node: NodeContainer,
  zone: ZoneBand,
  section: SectionLabel,
  component: ComponentNode,
  asset: AssetNode,
};
