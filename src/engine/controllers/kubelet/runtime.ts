// The kubelet's in-memory world (what a real kubelet keeps in its volume manager's actual state of world,
// the container runtime and the pod workers). Plain data, rebuilt deterministically by replay.
import type { DirNode, FsNode } from '../../fs/tree';

/** One mounted volume as the container runtime sees it: which asset, where inside it, how. */
export interface MountRecord {
  readonly volName: string;
  readonly assetId: string;
  /** directory inside the asset that is the volume's root */
  readonly path: string;
  /** `ext4`, `nfs`, `tmpfs`, … */
  readonly fsType: string;
  /** what findmnt/df print as SOURCE: `/dev/vdb`, `nas-1.example.com:/share`, `tmpfs`, `/dev/vda1` */
  readonly source: string;
  readonly readOnly: boolean;
  readonly sizeBytes: number;
  /** the kubelet's directory for it on the node, `/var/lib/kubelet/pods/<uid>/volumes/kubernetes.io~csi/<pv>/mount` */
  readonly hostPath: string;
  /** file-system specific mount options after rw/ro,relatime (NFS: `vers=3,rsize=…`) */
  readonly options?: string;
}

export type VolumePhase = 'pending' | 'waiting-attach' | 'staging' | 'publishing' | 'mounted' | 'failed';

export interface VolumeRt {
  readonly name: string;
  phase: VolumePhase;
  due?: number;
  error?: string;
  failures: number;
  nextRetry?: number;
  pvName?: string;
  mount?: MountRecord;
  /** assets the kubelet made for this pod volume (emptyDir, configMap files) and destroys with the pod */
  ownedAsset?: string;
  /** a configMap/secret source changed: the files are rewritten at this time (next periodic sync) */
  refreshDue?: number;
}

export interface TerminatedInfo {
  exitCode: number;
  reason: string;
  startedAt: number;
  finishedAt: number;
  containerID: string;
}

export type ContainerStep = 'pending' | 'pulling' | 'running' | 'terminated' | 'backoff' | 'config-error';

export interface ContainerRt {
  readonly name: string;
  readonly image: string;
  readonly init: boolean;
  step: ContainerStep;
  due?: number;
  pullStartedAt?: number;
  containerID?: string;
  startedAt?: number;
  /** scheduled exit of the main process (virtual ms) and its code; undefined = runs until stopped */
  exitAt?: number;
  exitCode?: number;
  terminated?: TerminatedInfo;
  lastTerminated?: TerminatedInfo;
  restartCount: number;
  /** crash-loop back-off (10s doubling to 5 min) and when it was last advanced */
  backoffMs?: number;
  backoffUpdatedAt?: number;
  /** when the last BackOff event was recorded (repeated on each pod sync inside the window) */
  lastBackoffEvent?: number;
  waitingReason?: string;
  waitingMessage?: string;
  /** the container's writable layer: files written outside volume mounts, lost on restart */
  rootfs: DirNode;
  /** what the current instance's main process printed, and the previous instance's (`kubectl logs --previous`) */
  log?: string;
  previousLog?: string;
  /** files bind-mounted with subPath, pinned when the container started (they never see later updates) */
  pinned?: Record<string, FsNode>;
  imageID?: string;
}

export type PodStep = 'mounting' | 'starting' | 'running' | 'killing' | 'unmounting' | 'done';

export interface PodRt {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly node: string;
  step: PodStep;
  due?: number;
  volumes: Map<string, VolumeRt>;
  containers: ContainerRt[];
  podIP?: string;
  startTime: number;
  /** lastTransitionTime of each condition type */
  conditionTimes: Map<string, { status: string; time: number }>;
  /** an emptyDir has a sizeLimit: the eviction manager watches this pod */
  hasSizeLimit?: boolean;
  /** set when the eviction manager evicted the pod: phase/reason/message and the DisruptionTarget condition */
  evicted?: Record<string, unknown>;
}

export interface StagedVolume {
  readonly pvName: string;
  due: number;
  done: boolean;
  device: string;
  globalPath: string;
  /** `kubernetes.io/csi/<driver>^<handle>` as reported in node.status.volumesInUse */
  unique: string;
  /** set once no pod on the node uses it: NodeUnstageVolume completes at this time */
  unstageDue?: number;
  /** NodeExpandVolume in progress, completing at this time */
  expandDue?: number;
}

export interface NodeRt {
  readonly name: string;
  readonly images: Set<string>;
  readonly staged: Map<string, StagedVolume>;
  /** next host number handed out from the node's pod CIDR */
  nextIp: number;
}

export interface KubeletState {
  /** by pod uid: a pod re-created under the same name (StatefulSet) is another pod, maybe on another node */
  readonly pods: Map<string, PodRt>;
  /** `namespace/name` → uids of the pods the kubelets still hold under that name */
  readonly names: Map<string, Set<string>>;
  readonly nodes: Map<string, NodeRt>;
}

export function newKubeletState(): KubeletState {
  return { pods: new Map(), names: new Map(), nodes: new Map() };
}

export function nodeRt(state: KubeletState, name: string): NodeRt {
  let n = state.nodes.get(name);
  if (!n) state.nodes.set(name, (n = { name, images: new Set(), staged: new Map(), nextIp: 2 }));
  return n;
}

/** The runtime record of the pod object with this uid (undefined when no kubelet runs it). */
export function podRtByUid(state: KubeletState, uid: string | undefined): PodRt | undefined {
  return uid === undefined ? undefined : state.pods.get(uid);
}

/** Every pod the kubelets hold under a name: the current object's and any left over on a dead node. */
export function podRtsByName(state: KubeletState, namespace: string, name: string): PodRt[] {
  return [...(state.names.get(`${namespace}/${name}`) ?? [])].map((uid) => state.pods.get(uid)!).filter(Boolean);
}

export function addPodRt(state: KubeletState, prt: PodRt): void {
  state.pods.set(prt.uid, prt);
  const key = `${prt.namespace}/${prt.name}`;
  let set = state.names.get(key);
  if (!set) state.names.set(key, (set = new Set()));
  set.add(prt.uid);
}

export function removePodRt(state: KubeletState, prt: PodRt): void {
  state.pods.delete(prt.uid);
  const key = `${prt.namespace}/${prt.name}`;
  const set = state.names.get(key);
  set?.delete(prt.uid);
  if (set && set.size === 0) state.names.delete(key);
}
