// `npm run bench -- --only pods [--pods 1000] [--nodes 20] [--repeat 21] [--ticks 1000] [--no-freeze]`
// (or `tsx bench/pods.bench.ts …` alone). Two scenarios, each in its own Node process so memory does not mix:
//   pods   a 20-node cluster over 3 zones with the multizone profile's zonal EBS-like CSI driver and its
//          WaitForFirstConsumer default class; N PVCs + N pods created, then settle(): wall and virtual time,
//          pods Running, peak heap / RSS, controller errors. Then, at that size, one more PVC + pod created
//          and settled, --repeat times (median wall ms): the cost of one pod start.
//   tick   the lesson-sized cluster (alicloud profile, the static NAS lesson: PV, PVC, a 2-replica Deployment)
//          settled, then sim.advance(1000) --ticks times: wall time per virtual second (median, p95, max).
// --profile-one-more FILE writes a CPU profile of the one-more-pod phase alone.
// Wall-clock timing is fine here: this is a benchmark, not engine code.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createSimulation } from '../src/engine/sim/create';
import type { Simulation } from '../src/engine/sim/simulation';
import { loadClusterProfile } from '../src/engine/storage/profiles';
import { parseManifests } from '../src/engine/yaml/manifests';
import type { KObject } from '../src/engine/model/types';
import { KINDS } from '../src/engine/model/kinds';
import type { ClusterConfig, NodeSpec } from '../src/engine/storage/cluster-config';
import { SAMPLE_NAS } from '../src/app/features/editor/samples';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');

export interface PodsResult {
  pods: number;
  nodes: number;
  zones: number;
  applyMs: number;
  settleMs: number;
  virtualSettleMs: number;
  running: number;
  boundClaims: number;
  heapAfterMB: number;
  peakRssMB: number;
  errors: number;
  firstError?: string;
  oneMoreMedianMs: number;
  oneMoreP95Ms: number;
  oneMoreVirtualMs: number;
  oneMoreRunning: number;
  repeat: number;
}

export interface TickResult {
  objects: number;
  running: number;
  settleMs: number;
  ticks: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  totalMs: number;
  errors: number;
  firstError?: string;
}

export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
}

/** The multizone profile with its nodes replaced by `n` nodes spread round-robin over its zones. */
export function multizoneCluster(n: number): ClusterConfig {
  const base = loadClusterProfile(readFileSync(join(ROOT, 'clusters/multizone.yaml'), 'utf8'));
  const zones = [...new Map(base.nodes.map((x) => [x.labels['topology.kubernetes.io/zone'], x])).values()];
  const nodes: NodeSpec[] = [];
  for (let i = 0; i < n; i++) {
    const z = i % zones.length;
    const tmpl = zones[z];
    nodes.push({ ...tmpl, name: `ip-10-0-${z + 1}-${10 + Math.floor(i / zones.length)}.ec2.internal`, labels: { ...tmpl.labels } });
  }
  // The profile's EBS quota (1000Gi, there so a learner can hit ResourceExhausted) would stop provisioning
  // after ~220 claims of this bench; a real account's quota is far above 1,000 volumes, so it is lifted.
  const drivers = base.drivers.map((d) => ({ ...d, capacityBytes: undefined }));
  return { ...base, name: `multizone-${n}`, nodes, drivers };
}

function claimAndPod(i: number): KObject[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: `data-${i}`, namespace: 'default' },
      // no storageClassName: the DefaultStorageClass admission plugin fills in gp3 (WaitForFirstConsumer)
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: `${1 + (i % 8)}Gi` } } },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `app-${i}`, namespace: 'default', labels: { app: 'bench' } },
      spec: {
        containers: [{ name: 'app', image: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
        volumes: [{ name: 'data', persistentVolumeClaim: { claimName: `data-${i}` } }],
      },
    },
  ] as KObject[];
}

const phaseOf = (o: KObject) => (o.status as { phase?: string } | undefined)?.phase;
const countPhase = (sim: Simulation, kind: 'Pod' | 'PersistentVolumeClaim', phase: string) => sim.store.list(kind).filter((o) => phaseOf(o) === phase).length;
const firstError = (sim: Simulation) => (sim.errors[0] ? `${sim.errors[0].controller} ${sim.errors[0].key}: ${sim.errors[0].message.split('\n')[0]}` : undefined);
const phase = (what: string) => process.stderr.write(`  [pods] ${what} (heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB)\n`);

export function runPods(nPods: number, nNodes: number, repeat: number, freeze: boolean): PodsResult {
  const cluster = multizoneCluster(nNodes);
  const sim = createSimulation(cluster, { seed: 1, freeze });
  let t = performance.now();
  for (let i = 0; i < nPods; i++) for (const o of claimAndPod(i)) sim.store.create(o);
  const applyMs = performance.now() - t;
  phase(`created ${nPods} PVCs + ${nPods} pods in ${applyMs.toFixed(0)} ms`);
  t = performance.now();
  const virtualSettleMs = sim.settle();
  const settleMs = performance.now() - t;
  phase(`settled in ${settleMs.toFixed(0)} ms (${(virtualSettleMs / 1000).toFixed(1)} virtual s)`);
  const running = countPhase(sim, 'Pod', 'Running');
  const boundClaims = countPhase(sim, 'PersistentVolumeClaim', 'Bound');
  const heapAfterMB = process.memoryUsage().heapUsed / 2 ** 20;

  const times: number[] = [];
  let virt = 0;
  let oneMoreRunning = 0;
  // --profile-one-more FILE: a CPU profile of just this phase (the 1,000-pod settle would drown it).
  const profileTo = arg('--profile-one-more', '');
  const session = profileTo ? new Session() : undefined;
  if (session) {
    session.connect();
    session.post('Profiler.enable');
    session.post('Profiler.start');
  }
  for (let r = 0; r < repeat; r++) {
    const objs = claimAndPod(nPods + r);
    t = performance.now();
    for (const o of objs) sim.store.create(o);
    virt += sim.settle();
    times.push(performance.now() - t);
    if (phaseOf(sim.store.get('Pod', 'default', `app-${nPods + r}`)!) === 'Running') oneMoreRunning++;
  }
  phase(`one more pod ×${repeat}: median ${quantile(times, 0.5).toFixed(1)} ms`);
  // The in-process inspector session answers synchronously.
  session?.post('Profiler.stop', (err, res) => {
    if (!err) writeFileSync(profileTo, JSON.stringify(res.profile));
  });
  return {
    pods: nPods,
    nodes: nNodes,
    zones: new Set(cluster.nodes.map((x) => x.labels['topology.kubernetes.io/zone'])).size,
    applyMs,
    settleMs,
    virtualSettleMs,
    running,
    boundClaims,
    heapAfterMB,
    // maxRSS is the process's true peak (KiB), not a sample
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    errors: sim.errors.length,
    firstError: firstError(sim),
    oneMoreMedianMs: quantile(times, 0.5),
    oneMoreP95Ms: quantile(times, 0.95),
    oneMoreVirtualMs: virt / Math.max(1, repeat),
    oneMoreRunning,
    repeat,
  };
}

export function runTick(ticks: number, freeze: boolean): TickResult {
  const cluster = loadClusterProfile(readFileSync(join(ROOT, 'clusters/alicloud.yaml'), 'utf8'));
  const sim = createSimulation(cluster, { seed: 1, freeze });
  const parsed = parseManifests(SAMPLE_NAS);
  if (!parsed.ok) throw new Error(`lesson manifests do not parse: ${parsed.error.message}`);
  for (const d of parsed.docs) sim.store.create(d.value as KObject);
  let t = performance.now();
  sim.settle();
  const settleMs = performance.now() - t;
  // Every kind the store holds, bootstrap objects included (nodes, leases, CSINodes, classes, events …).
  const objects = KINDS.reduce((n, k) => n + sim.store.list(k.kind).length, 0);
  const running = countPhase(sim, 'Pod', 'Running');
  const times: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < ticks; i++) {
    t = performance.now();
    sim.advance(1000);
    times.push(performance.now() - t);
  }
  return {
    objects,
    running,
    settleMs,
    ticks,
    medianMs: quantile(times, 0.5),
    p95Ms: quantile(times, 0.95),
    maxMs: Math.max(...times),
    totalMs: performance.now() - t0,
    errors: sim.errors.length,
    firstError: firstError(sim),
  };
}

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
}

const fmt = (ms: number) => (Number.isNaN(ms) ? '—' : ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));

function grid(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((l) => (l[i] ?? '').length)));
  return rows.map((l) => l.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

export function podsTable(r: PodsResult | { note: string }): string {
  const head = ['pods', 'nodes/zones', 'create ms', 'settle ms', 'virtual s', 'Running', 'Bound', 'heap after MB', 'peak RSS MB', 'errors', `+1 pod ms (median/p95 of ${'repeat' in r ? r.repeat : '?'})`, '+1 virtual s'];
  if ('note' in r) return grid([head.slice(0, 1), [r.note]]);
  return (
    grid([
      head,
      [
        String(r.pods),
        `${r.nodes}/${r.zones}`,
        fmt(r.applyMs),
        fmt(r.settleMs),
        (r.virtualSettleMs / 1000).toFixed(1),
        `${r.running}/${r.pods}`,
        `${r.boundClaims}/${r.pods}`,
        r.heapAfterMB.toFixed(0),
        r.peakRssMB.toFixed(0),
        String(r.errors),
        `${fmt(r.oneMoreMedianMs)} / ${fmt(r.oneMoreP95Ms)} (${r.oneMoreRunning}/${r.repeat} Running)`,
        (r.oneMoreVirtualMs / 1000).toFixed(1),
      ],
    ]) + (r.firstError ? `\nfirst controller error: ${r.firstError}` : '')
  );
}

export function tickTable(r: TickResult | { note: string }): string {
  const head = ['objects', 'Running', 'settle ms', 'advance(1000) ×', 'median µs', 'p95 µs', 'max µs', 'total ms', 'target < 1 ms', 'errors'];
  const us = (ms: number) => (ms * 1000).toFixed(1);
  if ('note' in r) return grid([head.slice(0, 1), [r.note]]);
  return (
    grid([
      head,
      [String(r.objects), String(r.running), fmt(r.settleMs), String(r.ticks), us(r.medianMs), us(r.p95Ms), us(r.maxMs), fmt(r.totalMs), r.medianMs < 1 && r.p95Ms < 1 ? 'met' : 'MISSED', String(r.errors)],
    ]) + (r.firstError ? `\nfirst controller error: ${r.firstError}` : '')
  );
}

/** Runs one scenario in a child process (its own heap), returning its JSON result or a note on failure. */
export function spawnScenario<T>(scenario: 'pods' | 'tick', extra: readonly string[], budgetS: number): T | { note: string } {
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', join(HERE, 'pods.bench.ts'), '--scenario', scenario, ...extra], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: budgetS * 1000,
    maxBuffer: 1 << 24,
  });
  process.stderr.write(r.stderr ?? '');
  if (r.status === 0) return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
  const timedOut = r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
  return { note: timedOut ? `stopped after the ${budgetS}s budget` : `failed: ${(r.stderr || String(r.error)).trim().split('\n').slice(-3).join(' | ')}` };
}

/** Both scenarios, each in a child process; returns the report text and the raw results. */
export function runPodsSection(argv: readonly string[]): { report: string; results: unknown } {
  const pass = (name: string, dflt: string) => [name, (() => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] ? argv[i + 1] : dflt;
  })()];
  const freeze = argv.includes('--no-freeze') ? ['--no-freeze'] : [];
  const budgetS = Number(pass('--budget', '900')[1]);
  process.stderr.write('bench: pods on a multi-zone cluster …\n');
  const pods = spawnScenario<PodsResult>('pods', [...pass('--pods', '1000'), ...pass('--nodes', '20'), ...pass('--repeat', '21'), ...freeze], budgetS);
  process.stderr.write('bench: lesson-sized cluster, one virtual second at a time …\n');
  const tick = spawnScenario<TickResult>('tick', [...pass('--ticks', '1000'), ...freeze], budgetS);
  const report = `Pods with dynamic provisioning — multizone profile's drivers (zonal ebs.csi.aws.com, default class gp3, WaitForFirstConsumer), nodes replaced; PVC + pod each; store freeze: ${freeze.length ? 'off' : 'on (default)'}

${podsTable(pods)}

Lesson-sized cluster advancing one virtual second — alicloud profile + the static NAS lesson (PV, PVC, Deployment with 2 replicas)

${tickTable(tick)}
`;
  return { report, results: { pods, tick } };
}

function child(): void {
  const scenario = arg('--scenario', '');
  const freeze = !process.argv.includes('--no-freeze');
  const out =
    scenario === 'pods'
      ? runPods(Number(arg('--pods', '1000')), Number(arg('--nodes', '20')), Number(arg('--repeat', '21')), freeze)
      : runTick(Number(arg('--ticks', '1000')), freeze);
  process.stdout.write(JSON.stringify(out) + '\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  try {
    if (process.argv.includes('--scenario')) child();
    else process.stdout.write(runPodsSection(process.argv).report);
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  }
}
