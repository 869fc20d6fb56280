// Messages between the UI thread and the engine worker. Every message is a member of a discriminated
// union and every switch over one ends in assertNever, so adding a message type is a compile error
// until both sides handle it. Records are plain, structured-clone-safe data.
import type { KObject } from '../engine/model/types';
import type { EventSource } from '../engine/events/recorder';
import type { EventType } from '../engine/controllers/types';
import type { TimedTrace } from '../engine/sim/simulation';
import type { GEdge, GNode } from './layout';

/** objectKey(kind, namespace, name) from src/engine/model/kinds: `Kind/ns/name` or `Kind//name`. */
export type ObjKey = string;

/** A command that changes the cluster; the command log (replay, share URL) is a list of these. */
export type Command =
  | { readonly type: 'apply'; readonly text: string }
  | { readonly type: 'delete'; readonly text: string }
  | { readonly type: 'kubectl'; readonly line: string }
  /** a `sim …` script line other than settle (crash a container, fail a node …) */
  | { readonly type: 'sim'; readonly line: string };

/** A command and the virtual time (ms since the simulation's epoch) at which it ran. */
export interface LoggedCommand {
  readonly at: number;
  readonly cmd: Command;
}

/** A marker for the editor: 1-based positions, like Monaco's. */
export interface EditorMarker {
  readonly line: number;
  readonly col: number;
  readonly endLine?: number;
  readonly endCol?: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
  readonly markers: readonly EditorMarker[];
}

/** A status word changed (PV Available → Bound, pod ContainerCreating → Running), at a virtual time. */
export interface PhaseTransition {
  readonly key: ObjKey;
  readonly from?: string;
  readonly to: string;
  readonly time: number;
}

/** A storage asset outside Kubernetes (cloud disk, NAS file system, node directory). */
export interface AssetRecord {
  readonly id: string;
  readonly kind: string;
  readonly driver?: string;
  readonly zone?: string;
  readonly node?: string;
  readonly sizeBytes: number;
  readonly attachedTo: readonly string[];
  readonly fileCount: number;
  readonly deleted: boolean;
}

export interface ClusterNodeInfo {
  readonly name: string;
  readonly zone?: string;
}

export interface ClusterInfo {
  readonly name: string;
  readonly nodes: readonly ClusterNodeInfo[];
  readonly drivers: readonly { readonly name: string; readonly backend: string; readonly attachRequired: boolean }[];
}

export interface ScenarioSummary {
  readonly id: string;
  readonly title: { readonly en: string; readonly zh: string };
}

/**
 * One emission of a core/v1 Event: a new Event object, or an existing one whose count grew (client-go's
 * EventCorrelator). The UI shows one row per Event object (`id`), as `kubectl get events` does.
 */
export interface UiEvent {
  readonly seq: number;
  /** the Event object's namespace/name */
  readonly id: string;
  /** this emission, virtual ms (lastTimestamp is this, truncated to the second) */
  readonly time: number;
  /** the Event's first emission, virtual ms (firstTimestamp) */
  readonly first: number;
  readonly count: number;
  readonly involved: { readonly kind: string; readonly namespace?: string; readonly name: string };
  readonly type: EventType;
  readonly reason: string;
  readonly message: string;
  readonly source: EventSource;
}

export interface Patch {
  readonly time: number;
  /** objects new to the UI, and objects whose resourceVersion changed (full record: the UI replaces it) */
  readonly upsert: readonly KObject[];
  readonly removed: readonly ObjKey[];
  /** when true the UI drops its event list first (after a seek) */
  readonly eventsReset: boolean;
  readonly events: readonly UiEvent[];
  readonly tracesReset: boolean;
  readonly traces: readonly TimedTrace[];
  readonly transitions: readonly PhaseTransition[];
  /** present when the backends changed; the whole (small) list */
  readonly assets?: readonly AssetRecord[];
  readonly controllerErrors?: readonly string[];
  /** present when the graph's layout changed (computed in the worker): only what moved, appeared or went */
  readonly layout?: LayoutDiff;
}

/**
 * The difference between two graph layouts (src/protocol/layout.ts computeLayout). The worker computes the
 * layout, so the UI thread never does; it receives only the nodes whose box, parent or data changed.
 */
export interface LayoutDiff {
  /** nodes new or changed, in layout order (a parent before its children) */
  readonly nodes: readonly GNode[];
  readonly removedNodes: readonly string[];
  /** edges new or changed */
  readonly edges: readonly GEdge[];
  readonly removedEdges: readonly string[];
  readonly width: number;
  readonly height: number;
}

export interface PlaybackState {
  readonly playing: boolean;
  readonly speed: number;
  readonly time: number;
  /** the furthest virtual time the current command log has been played to (scrubber end) */
  readonly horizon: number;
  readonly log: readonly LoggedCommand[];
  /** virtual times where something happened, for the scrubber ticks and step back */
  readonly marks: readonly number[];
}

export interface InitOptions {
  readonly profile: string;
  /** the lesson whose files `kubectl apply -f <file>` reads */
  readonly scenario?: string;
  readonly seed: number;
  readonly log?: readonly LoggedCommand[];
  /** replay to this virtual time (default: the end of the log) */
  readonly time?: number;
  /** start paused (a shared link opens on the exact moment it was taken) */
  readonly paused?: boolean;
}

/** One row of "why is this claim pending?": a PV and the outcome of each binding check. */
export interface BindingCheckRow {
  readonly pv: string;
  readonly checks: readonly { readonly name: string; readonly ok: boolean; readonly detail?: string }[];
}

export type Explanation =
  | { readonly type: 'pvc'; readonly key: ObjKey; readonly rows: readonly BindingCheckRow[]; readonly note?: string }
  | {
      readonly type: 'pod';
      readonly key: ObjKey;
      readonly nodes: readonly { readonly node: string; readonly reasons: readonly string[] }[];
      readonly note?: string;
    }
  | { readonly type: 'none'; readonly key: ObjKey; readonly note: string };

export type ToWorker =
  | { readonly type: 'init'; readonly opts: InitOptions }
  | { readonly type: 'command'; readonly id: number; readonly cmd: Command }
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  | { readonly type: 'speed'; readonly speed: number }
  | { readonly type: 'step'; readonly dir: 1 | -1 }
  | { readonly type: 'seek'; readonly time: number }
  | { readonly type: 'seekCommand'; readonly index: number }
  | { readonly type: 'toEnd' }
  | { readonly type: 'loadScenario'; readonly id: string }
  /** run a lesson step's lines; each `sim settle` waits (while playing) until the cluster is quiet */
  | { readonly type: 'runStep'; readonly index: number }
  | { readonly type: 'reset'; readonly profile?: string; readonly seed?: number }
  | { readonly type: 'describe'; readonly id: number; readonly key: ObjKey }
  /** a read-only kubectl command (get, describe …) that is not recorded in the command log */
  | { readonly type: 'query'; readonly id: number; readonly argv: readonly string[] }
  | { readonly type: 'explain'; readonly id: number; readonly key: ObjKey };

export type FromWorker =
  | {
      readonly type: 'ready';
      readonly profile: string;
      readonly profiles: readonly string[];
      readonly seed: number;
      readonly epoch: number;
      readonly cluster: ClusterInfo;
      readonly scenarios: readonly ScenarioSummary[];
      readonly scenario?: string;
    }
  | { readonly type: 'patch'; readonly patch: Patch }
  /** the lessons available (sent after the first patch, so parsing them does not delay the first paint) */
  | { readonly type: 'catalog'; readonly scenarios: readonly ScenarioSummary[] }
  /**
   * The playback state; its command log travels as a tail: the UI keeps its first `logFrom` entries and
   * appends `log` (a 1,000-object apply is a 150 KB text that must not be cloned on every command).
   */
  | { readonly type: 'playback'; readonly state: Omit<PlaybackState, 'log'>; readonly logFrom: number; readonly log: readonly LoggedCommand[] }
  | { readonly type: 'result'; readonly id: number; readonly result: CommandResult }
  | { readonly type: 'describe'; readonly id: number; readonly text: string }
  | { readonly type: 'query'; readonly id: number; readonly stdout: string; readonly stderr: string }
  | { readonly type: 'explain'; readonly id: number; readonly explanation: Explanation }
  | { readonly type: 'scenario'; readonly id: string; readonly summary?: { readonly en: string; readonly zh: string }; readonly steps: readonly ScenarioStepView[] }
  /** a script line the worker ran on its own (a lesson step), for the terminal */
  | { readonly type: 'output'; readonly line: string; readonly result: CommandResult }
  | { readonly type: 'error'; readonly message: string; readonly fatal: boolean };

export interface ScenarioStepView {
  readonly narration: { readonly en: string; readonly zh: string };
  readonly run: readonly string[];
}

/** The playback state after a playback message, from the state before it (the log kept up to logFrom). */
export function applyPlayback(prev: PlaybackState, m: Extract<FromWorker, { type: 'playback' }>): PlaybackState {
  const log = m.logFrom === 0 ? m.log : m.log.length === 0 && m.logFrom === prev.log.length ? prev.log : [...prev.log.slice(0, m.logFrom), ...m.log];
  return { ...m.state, log };
}

export function assertNever(x: never): never {
  throw new Error(`unexpected message: ${JSON.stringify(x)}`);
}
