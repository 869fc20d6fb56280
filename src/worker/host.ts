// The engine's host in the browser: owns one Simulation, the command log and playback, and turns the
// simulation's changes into small patches for the UI. It is the only place that converts wall time into
// virtual time (speed × elapsed wall ms → sim.advance), and it takes the wall time as an argument so it
// runs (and is tested) in Node without a Worker. Seek/step back rebuild the simulation from the seed and
// replay the command log: the engine is deterministic, so the state at virtual time T is exact.
import { createSimulation } from '../engine/sim/create';
import type { Simulation, SimChange } from '../engine/sim/simulation';
import { splitArgs } from '../engine/kubectl/argv';
import {
  assertNever,
  type Command,
  type CommandResult,
  type FromWorker,
  type LoggedCommand,
  type ScenarioSummary,
  type ToWorker,
} from '../protocol/messages';
import { ChangeCollector, clusterInfo } from './changes';
import { GraphTracker } from './graph';
import { INLINE_PROFILE } from './inline-profile';
import { errorMarkers, syntaxMarkers } from './markers';
import { explain } from './explain';
import { fileSource, type ProfileSource, type ScenarioBundle } from './engine-modules';
import type { KubectlContext, KubectlResult } from '../engine/kubectl/types';
import { runSimCommand } from '../engine/scenario/commands';
import { scriptHooks } from '../engine/scenario/hooks';

export type RunKubectl = (ctx: KubectlContext, argv: readonly string[]) => KubectlResult;

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8] as const;
/** the lesson's cloud (clusters/alicloud.yaml) when it is built in */
export const DEFAULT_PROFILE = 'alicloud';
/** a step forward with nothing pending moves the clock this far */
const IDLE_STEP_MS = 1000;
/** virtual time the wall clock may move in one tick (a tab that slept must not jump hours) */
const MAX_TICK_VIRTUAL_MS = 10_000;

export interface HostDeps {
  readonly post: (m: FromWorker) => void;
  readonly profiles?: ProfileSource;
  readonly runKubectl: RunKubectl;
  /** the lessons, loaded on first use (parsing them all would slow the first paint) */
  readonly scenarios?: ReadonlyMap<string, ScenarioBundle> | (() => ReadonlyMap<string, ScenarioBundle>);
}

export class Host {
  private sim!: Simulation;
  private epoch = 0;
  private profile = INLINE_PROFILE.name;
  private seed = 1;
  private log: LoggedCommand[] = [];
  /** how many entries of the log the UI holds unchanged (it gets only the rest) */
  private logSent = 0;
  /** commands of the log already executed in the current simulation */
  private executed = 0;
  private horizon = 0;
  private playing = false;
  private speed = 1;
  private lastWall: number | undefined;
  private carry = 0;
  private marks = new Set<number>();
  private readonly changes = new ChangeCollector();
  /** the graph layout as the UI holds it (computed here, so the UI thread never lays out) */
  private readonly graph = new GraphTracker();
  private recording = true;
  private playbackDirty = true;
  private readonly profiles: ProfileSource;
  private scenarioMap: ReadonlyMap<string, ScenarioBundle> | undefined;
  private catalogSent = false;
  private framesSinceReady = 0;
  private scenario: string | undefined;
  /** lesson lines waiting for the cluster to settle (one `sim settle` each) */
  private pendingLines: string[] = [];

  constructor(private readonly deps: HostDeps) {
    const base = deps.profiles;
    const inline = INLINE_PROFILE.name;
    this.profiles = {
      has: (n) => n === inline || !!base?.has(n),
      get: (n) => (n === inline ? INLINE_PROFILE : base?.get(n)),
      keys: () => [...(base ? [...base.keys()] : []), inline],
    };
  }

  private get scenarios(): ReadonlyMap<string, ScenarioBundle> | undefined {
    const s = this.deps.scenarios;
    if (this.scenarioMap === undefined && s !== undefined) this.scenarioMap = typeof s === 'function' ? s() : s;
    return this.scenarioMap;
  }

  /** virtual ms since the cluster started */
  get time(): number {
    return this.sim ? this.sim.now() - this.epoch : 0;
  }

  get commandLog(): readonly LoggedCommand[] {
    return this.log;
  }

  get simulation(): Simulation {
    return this.sim;
  }

  handle(msg: ToWorker, wallMs = 0): void {
    switch (msg.type) {
      case 'init': {
        this.profile = this.profiles.has(msg.opts.profile) ? msg.opts.profile : this.defaultProfile();
        this.seed = msg.opts.seed;
        this.scenario = msg.opts.scenario && this.scenarios?.has(msg.opts.scenario) ? msg.opts.scenario : undefined;
        this.pendingLines = [];
        // the UI empties its mirror on `ready`: everything is new to it again
        this.changes.forgetSent();
        this.logSent = 0;
        // the UI's playback state was reset with the mirror: it gets the whole log again
        this.playbackDirty = true;
        this.graph.reset(clusterInfo(this.profiles.get(this.profile) ?? INLINE_PROFILE));
        this.log = [...(msg.opts.log ?? [])];
        const end = this.log.length ? this.log[this.log.length - 1].at : 0;
        this.rebuild(msg.opts.time ?? end);
        this.horizon = Math.max(this.time, end);
        this.postReady();
        this.postScenario();
        this.playing = !msg.opts.paused;
        this.lastWall = wallMs;
        this.flush();
        return;
      }
      case 'reset':
        this.handle({ type: 'init', opts: { profile: msg.profile ?? this.profile, seed: msg.seed ?? this.seed, scenario: this.scenario } }, wallMs);
        return;
      case 'command': {
        const result = this.execute(msg.cmd);
        this.deps.post({ type: 'result', id: msg.id, result });
        return;
      }
      case 'play':
        this.playing = true;
        this.lastWall = wallMs;
        this.playbackDirty = true;
        return;
      case 'pause':
        this.playing = false;
        this.playbackDirty = true;
        return;
      case 'speed':
        this.speed = Math.min(8, Math.max(0.25, msg.speed));
        this.playbackDirty = true;
        return;
      case 'step':
        this.playing = false;
        this.playbackDirty = true;
        if (msg.dir > 0) this.stepForward();
        else this.stepBack();
        return;
      case 'seek':
        this.playing = false;
        this.seek(msg.time);
        return;
      case 'seekCommand': {
        this.playing = false;
        const c = this.log[Math.max(0, Math.min(this.log.length - 1, msg.index))];
        if (c) this.seek(c.at);
        return;
      }
      case 'toEnd':
        this.playing = false;
        this.seek(this.horizon);
        this.runToQuiescence();
        return;
      case 'loadScenario': {
        const b = this.scenarios?.get(msg.id);
        if (!msg.id || !b) {
          this.handle({ type: 'init', opts: { profile: this.profile, seed: this.seed } }, wallMs);
          return;
        }
        this.handle({ type: 'init', opts: { profile: b.scenario.cluster, seed: b.scenario.seed, scenario: msg.id } }, wallMs);
        return;
      }
      case 'runStep': {
        const b = this.scenario ? this.scenarios?.get(this.scenario) : undefined;
        const step = b?.scenario.steps[msg.index];
        if (!step) return;
        this.pendingLines.push(...step.run);
        this.playing = true;
        this.lastWall = wallMs;
        this.playbackDirty = true;
        this.runPendingLines();
        return;
      }
      case 'describe':
        this.deps.post({ type: 'describe', id: msg.id, text: this.describe(msg.key) });
        return;
      case 'explain':
        this.deps.post({ type: 'explain', id: msg.id, explanation: explain(this.sim, msg.key) });
        return;
      case 'query': {
        // only verbs that read: a query never changes the cluster, so it stays out of the log
        const verb = msg.argv.find((a) => !a.startsWith('-'));
        const r =
          verb === 'get' || verb === 'describe'
            ? this.deps.runKubectl(this.kubectlContext(), msg.argv)
            : { stdout: '', stderr: `error: only get and describe can be queried\n`, code: 1 };
        this.deps.post({ type: 'query', id: msg.id, stdout: r.stdout, stderr: r.stderr });
        return;
      }
      default:
        assertNever(msg);
    }
  }

  /** Called by the worker once per frame with the wall clock; moves virtual time when playing. */
  tick(wallMs: number): void {
    if (this.playing && this.sim) {
      const last = this.lastWall ?? wallMs;
      const virtual = Math.min(MAX_TICK_VIRTUAL_MS, Math.max(0, wallMs - last) * this.speed) + this.carry;
      const whole = Math.floor(virtual);
      this.carry = virtual - whole;
      if (whole > 0) this.advanceTo(this.time + whole);
    }
    if (this.pendingLines.length && this.sim) this.runPendingLines();
    this.lastWall = wallMs;
    this.flush();
    // the lesson list is sent once the first picture is out
    if (!this.catalogSent && this.sim && ++this.framesSinceReady > 2) {
      this.catalogSent = true;
      this.deps.post({ type: 'catalog', scenarios: this.catalog() });
    }
  }

  // ---- commands ------------------------------------------------------------------------------------

  /** Runs lesson lines up to the next `sim settle`, which waits until nothing is pending in the cluster. */
  private runPendingLines(): void {
    while (this.pendingLines.length) {
      const line = this.pendingLines[0].trim();
      const words = line.split(/\s+/);
      if (words[0] === 'sim' && words[1] === 'settle') {
        if (!this.sim.isQuiescent()) return;
        this.pendingLines.shift();
        continue;
      }
      this.pendingLines.shift();
      if (!line || line.startsWith('#')) continue;
      const cmd: Command = words[0] === 'sim' ? { type: 'sim', line } : { type: 'kubectl', line };
      this.deps.post({ type: 'output', line, result: this.execute(cmd) });
    }
  }

  private kubectlContext(stdin?: string): KubectlContext {
    const b = this.scenario ? this.scenarios?.get(this.scenario) : undefined;
    return { sim: this.sim, namespace: 'default', stdin, ...(b ? { files: fileSource(b.files), cwd: '.' } : {}), ...scriptHooks(this.sim) };
  }

  private postScenario(): void {
    const b = this.scenario ? this.scenarios?.get(this.scenario) : undefined;
    this.deps.post({
      type: 'scenario',
      id: this.scenario ?? '',
      summary: b?.scenario.summary,
      steps: b ? b.scenario.steps.map((st) => ({ narration: st.narration, run: st.run })) : [],
    });
  }

  private execute(cmd: Command): CommandResult {
    // A command issued after a seek back starts a new branch: the rest of the old log is dropped.
    if (this.executed < this.log.length) {
      this.log.length = this.executed;
      this.logSent = Math.min(this.logSent, this.executed);
    }
    this.log.push({ at: this.time, cmd });
    this.executed = this.log.length;
    this.horizon = this.time;
    this.marks.add(this.time);
    this.playbackDirty = true;
    return this.run(cmd);
  }

  private run(cmd: Command): CommandResult {
    const sim = this.sim;
    switch (cmd.type) {
      case 'apply':
      case 'delete': {
        const syn = syntaxMarkers(cmd.text);
        const r = this.deps.runKubectl(this.kubectlContext(cmd.text), [cmd.type, '-f', '-']);
        sim.drain();
        return { ...r, markers: syn.length ? syn : r.code !== 0 ? errorMarkers(cmd.text, r.stderr) : [] };
      }
      case 'kubectl': {
        let argv: string[];
        try {
          argv = splitArgs(cmd.line);
        } catch (e) {
          return { stdout: '', stderr: `${(e as Error).message}\n`, code: 2, markers: [] };
        }
        if (argv[0] === 'kubectl') argv = argv.slice(1);
        const r = this.deps.runKubectl(this.kubectlContext(), argv);
        sim.drain();
        return { ...r, markers: [] };
      }
      case 'sim': {
        let argv: string[];
        try {
          argv = splitArgs(cmd.line).slice(1);
        } catch (e) {
          return { stdout: '', stderr: `${(e as Error).message}\n`, code: 2, markers: [] };
        }
        const run = this.deps.runKubectl;
        const r = runSimCommand(argv, {
          kubectl: (a, ctx) => run(ctx, a),
          ...this.kubectlContext(),
        });
        sim.drain();
        return { ...r, markers: [] };
      }
      default:
        return assertNever(cmd);
    }
  }

  private describe(key: string): string {
    const [kind, ns, name] = key.split('/');
    const argv = ['describe', kind.toLowerCase(), name, ...(ns ? ['-n', ns] : [])];
    const r = this.deps.runKubectl(this.kubectlContext(), argv);
    return r.stdout || r.stderr;
  }

  // ---- time ----------------------------------------------------------------------------------------

  /** Moves forward to virtual time t, running the logged commands that fall on the way. */
  private advanceTo(t: number): void {
    while (this.executed < this.log.length && this.log[this.executed].at <= t) {
      const c = this.log[this.executed];
      this.sim.advance(c.at - this.time);
      this.run(c.cmd);
      this.executed++;
    }
    if (t > this.time) this.sim.advance(t - this.time);
    // the horizon follows the clock silently: the UI shows max(horizon, time), and time is in every patch
    if (this.time > this.horizon) this.horizon = this.time;
  }

  private seek(t: number): void {
    const target = Math.max(0, t);
    if (target < this.time) this.pendingLines = [];
    this.playbackDirty = true;
    if (target >= this.time) this.advanceTo(target);
    else this.rebuild(target);
    this.playbackDirty = true;
  }

  private stepForward(): void {
    const next = this.sim.nextOneShot();
    const nextCmd = this.executed < this.log.length ? this.log[this.executed].at : undefined;
    const candidates = [next !== undefined ? next - this.epoch : undefined, nextCmd].filter((x): x is number => x !== undefined && x >= this.time);
    const to = candidates.length ? Math.min(...candidates) : this.time + IDLE_STEP_MS;
    this.advanceTo(Math.max(to, this.time));
    // a command scheduled exactly now still runs
    if (to === this.time) this.advanceTo(this.time);
    this.playbackDirty = true;
  }

  private stepBack(): void {
    const earlier = [...this.marks].filter((m) => m < this.time);
    this.seek(earlier.length ? Math.max(...earlier) : 0);
  }

  private runToQuiescence(): void {
    // Settle through the rest of the log, then until nothing is pending.
    while (this.executed < this.log.length) this.advanceTo(this.log[this.executed].at);
    this.sim.settle();
    if (this.time > this.horizon) this.horizon = this.time;
    this.playbackDirty = true;
  }

  /** Builds a fresh simulation from the seed and replays the log up to virtual time t. */
  private rebuild(t: number): void {
    const cluster = this.profiles.get(this.profile) ?? INLINE_PROFILE;
    this.recording = false;
    this.marks = new Set([0]);
    this.sim = createSimulation(cluster, { seed: this.seed });
    this.epoch = this.sim.now();
    this.sim.observe((c) => this.onChange(c));
    this.executed = 0;
    this.advanceTo(t);
    this.recording = true;
    // Diff what the UI holds against the rebuilt store instead of resending the cluster.
    this.changes.diffAfterRebuild(this.sim);
  }

  private mark(t: number): void {
    if (this.marks.has(t)) return;
    this.marks.add(t);
    if (this.recording) this.playbackDirty = true;
  }

  private onChange(c: SimChange): void {
    const t = this.time;
    if (this.changes.record(c, t, this.recording)) this.mark(t);
  }

  // ---- output --------------------------------------------------------------------------------------

  /** Sends at most one patch (called once per frame) and the playback state when it changed. */
  flush(): void {
    if (!this.sim) return;
    const patch = this.changes.take(this.sim, this.time, this.playbackDirty);
    if (patch) {
      const layout = this.graph.update(patch);
      this.deps.post({ type: 'patch', patch: layout ? { ...patch, layout } : patch });
    }
    if (this.playbackDirty) {
      this.playbackDirty = false;
      this.deps.post({
        type: 'playback',
        state: {
          playing: this.playing,
          speed: this.speed,
          time: this.time,
          horizon: Math.max(this.horizon, this.time),
          marks: [...this.marks].sort((a, b) => a - b),
        },
        logFrom: this.logSent,
        log: this.log.slice(this.logSent),
      });
      this.logSent = this.log.length;
    }
  }

  private defaultProfile(): string {
    if (this.profiles.has(DEFAULT_PROFILE)) return DEFAULT_PROFILE;
    for (const name of this.profiles.keys()) if (name !== INLINE_PROFILE.name) return name;
    return INLINE_PROFILE.name;
  }

  private catalog(): ScenarioSummary[] {
    return [...(this.scenarios?.values() ?? [])].map((b) => ({ id: b.scenario.id, title: b.scenario.title }));
  }

  private postReady(): void {
    const cluster = this.profiles.get(this.profile) ?? INLINE_PROFILE;
    this.deps.post({
      type: 'ready',
      profile: this.profile,
      profiles: [...this.profiles.keys()],
      seed: this.seed,
      epoch: this.epoch,
      cluster: clusterInfo(cluster),
      scenarios: this.scenarioMap ? this.catalog() : [],
      scenario: this.scenario,
    });
  }
}
