// `npm run bench [-- --only binding|pods] [--sizes 1000,10000,100000] [--repeat 51] [--budget 900] [--pvs-first] [--no-freeze]`
// Runs both sections by default: the static-binding section below, then bench/pods.bench.ts (pods with
// dynamic provisioning on a 20-node cluster, one pod start at that size, a lesson-sized cluster per virtual
// second; its flags: --pods, --nodes, --pod-repeat, --ticks). `--only binding` or `--only pods` picks one.
// Static binding at scale: N PersistentVolumes + N PersistentVolumeClaims with varied sizes and access
// modes. For each N (each in its own Node process, so memory numbers do not mix):
//   parse     YAML parse of the same manifests (the floor: nothing can be faster than reading them)
//   apply     store.create of every object (defaulting, validation, admission, watch fan-out)
//   settle    the simulation running to quiescence: the PV controller binds every claim
//   +pvc      one more claim created, then drain() (median of --repeat)
//   -pvc      one bound claim deleted, then drain() (median)
// and the peak heap / RSS. Wall-clock timing is fine here: this is a benchmark, not engine code.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { cpus, loadavg } from 'node:os';
import { createSimulation } from '../src/engine/sim/create';
import { parseManifests } from '../src/engine/yaml/manifests';
import type { KObject } from '../src/engine/model/types';
import type { ClusterConfig } from '../src/engine/storage/cluster-config';
import { runPodsSection } from './pods.bench';

const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(HERE, 'results');
const PVS_FIRST = process.argv.includes('--pvs-first');

interface SizeResult {
  n: number;
  parseMs: number;
  applyMs: number;
  settleMs: number;
  bound: number;
  createClaimMedianMs: number;
  deleteClaimMedianMs: number;
  peakHeapMB: number;
  peakRssMB: number;
  virtualSettleMs: number;
  errors: number;
  note?: string;
}

// Access modes cycle so the binder's access-mode index has several groups; sizes vary 1..64 GiB.
const MODES = [['ReadWriteOnce'], ['ReadWriteMany'], ['ReadWriteOnce', 'ReadWriteMany'], ['ReadOnlyMany', 'ReadWriteMany']];

/** Deterministic pseudo-random sizes (no Math.random: the same manifests every run). */
function sizeGi(i: number): number {
  return 1 + ((i * 2654435761) >>> 0) % 64;
}

export function manifests(n: number, offset = 0): string {
  const docs: string[] = [];
  for (let j = 0; j < n; j++) {
    const i = j + offset;
    const modes = MODES[i % MODES.length];
    const size = sizeGi(i);
    docs.push(
      `apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-${i}
  labels:
    bench: "true"
spec:
  capacity:
    storage: ${size}Gi
  accessModes: [${modes.join(', ')}]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: ""
  csi:
    driver: nasplugin.csi.alibabacloud.com
    volumeHandle: nas-${i}
`,
      `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: claim-${i}
  namespace: default
spec:
  accessModes: [${modes[0]}]
  resources:
    requests:
      storage: ${Math.max(1, size - (i % 3))}Gi
  storageClassName: ""
`,
    );
  }
  return docs.join('---\n');
}

const CLUSTER: ClusterConfig = {
  name: 'bench',
  nodes: [{ name: 'node-1', labels: {} }],
  drivers: [],
  objects: [],
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
}

function runSize(n: number, repeat: number): SizeResult {
  let peakHeap = 0;
  let peakRss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  };
  const gc = (globalThis as { gc?: () => void }).gc;
  const phase = (what: string) => process.stderr.write(`  [${n}] ${what} (heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB)\n`);
  const text = manifests(n);
  gc?.();
  let t = performance.now();
  const parsed = parseManifests(text);
  const parseMs = performance.now() - t;
  if (!parsed.ok) throw new Error(`bench manifests do not parse: ${parsed.error.message}`);
  sample();
  phase(`parsed in ${parseMs.toFixed(0)} ms`);
  // Freeze off: the store deep-freezes objects by default to catch mutation bugs; the bench measures both
  // the way tests and the UI run it (frozen) — see --no-freeze below.
  const sim = createSimulation(CLUSTER, { seed: 1, freeze: !process.argv.includes('--no-freeze') });
  const objs = parsed.docs.map((d) => d.value as KObject);
  // Default: every object created, then one settle (the PV controller meets claims before it has made
  // the later PVs Available). --pvs-first: PVs created and settled (all Available), then the claims.
  const groups = PVS_FIRST
    ? [objs.filter((o) => o.kind === 'PersistentVolume'), objs.filter((o) => o.kind !== 'PersistentVolume')]
    : [objs];
  let applyMs = 0;
  let settleMs = 0;
  let virtualSettleMs = 0;
  for (const group of groups) {
    t = performance.now();
    for (const o of group) sim.store.create(o);
    applyMs += performance.now() - t;
    sample();
    phase(`applied ${group.length} objects in ${(performance.now() - t).toFixed(0)} ms`);
    t = performance.now();
    virtualSettleMs += sim.settle();
    settleMs += performance.now() - t;
    sample();
    phase(`settled in ${(performance.now() - t).toFixed(0)} ms`);
  }
  const bound = sim.store.list('PersistentVolumeClaim').filter((c) => (c.status as { phase?: string } | undefined)?.phase === 'Bound').length;

  // Incremental changes at this size: a spare PV for each new claim, created untimed first.
  const spareParsed = parseManifests(manifests(repeat, n));
  const spare = spareParsed.ok ? spareParsed.docs : [];
  const sparePvs = spare.filter((d) => (d.value as KObject).kind === 'PersistentVolume').map((d) => d.value as KObject);
  const spareClaims = spare.filter((d) => (d.value as KObject).kind === 'PersistentVolumeClaim').map((d) => d.value as KObject);
  for (const pv of sparePvs) sim.store.create(pv);
  sim.settle();
  const createTimes: number[] = [];
  for (const c of spareClaims) {
    t = performance.now();
    sim.store.create(c);
    sim.drain();
    createTimes.push(performance.now() - t);
  }
  sample();
  const deleteTimes: number[] = [];
  for (let i = 0; i < repeat; i++) {
    t = performance.now();
    sim.store.delete('PersistentVolumeClaim', 'default', `claim-${i}`);
    sim.drain();
    deleteTimes.push(performance.now() - t);
  }
  sample();
  return {
    n,
    parseMs,
    applyMs,
    settleMs,
    bound,
    createClaimMedianMs: median(createTimes),
    deleteClaimMedianMs: median(deleteTimes),
    peakHeapMB: peakHeap / 2 ** 20,
    peakRssMB: peakRss / 2 ** 20,
    virtualSettleMs,
    errors: sim.errors.length,
  };
}

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
}

const fmt = (ms: number) => (Number.isNaN(ms) ? '—' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(2));

function table(rows: SizeResult[]): string {
  const head = ['pairs', 'parse ms', 'apply ms', 'settle ms', 'apply+settle ms', '(apply+settle)/parse', 'bound', '+pvc drain ms (median)', '-pvc drain ms (median)', 'peak heap MB', 'peak RSS MB', 'errors'];
  const lines = rows.map((r) =>
    r.note
      ? [String(r.n), r.note]
      : [
          String(r.n),
          fmt(r.parseMs),
          fmt(r.applyMs),
          fmt(r.settleMs),
          fmt(r.applyMs + r.settleMs),
          ((r.applyMs + r.settleMs) / r.parseMs).toFixed(2) + '×',
          `${r.bound}/${r.n}`,
          fmt(r.createClaimMedianMs),
          fmt(r.deleteClaimMedianMs),
          r.peakHeapMB.toFixed(0),
          r.peakRssMB.toFixed(0),
          String(r.errors),
        ],
  );
  const all = [head, ...lines];
  const widths = head.map((_, i) => Math.max(...all.map((l) => (l[i] ?? '').length)));
  return all.map((l) => l.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

function growth(rows: SizeResult[]): string {
  const ok = rows.filter((r) => !r.note);
  const out: string[] = [];
  for (let i = 1; i < ok.length; i++) {
    const a = ok[i - 1];
    const b = ok[i];
    const k = b.n / a.n;
    const nlogn = (b.n * Math.log2(b.n)) / (a.n * Math.log2(a.n));
    out.push(
      `${a.n}→${b.n}: apply+settle ×${((b.applyMs + b.settleMs) / (a.applyMs + a.settleMs)).toFixed(1)}, parse ×${(b.parseMs / a.parseMs).toFixed(1)} (n grows ×${k}, n log n ×${nlogn.toFixed(1)})`,
    );
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  const one = arg('--one', '');
  const repeat = Number(arg('--repeat', '51'));
  if (one) {
    // Child process: one size, result as JSON on stdout.
    process.stdout.write(JSON.stringify(runSize(Number(one), repeat)) + '\n');
    return;
  }
  const only = arg('--only', '');
  if (only && only !== 'binding' && only !== 'pods') throw new Error(`--only takes binding or pods, not ${only}`);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  if (only !== 'pods') runBinding(repeat, stamp);
  if (only !== 'binding') {
    // --repeat belongs to the binding section (51 changes); the pod section's repetitions are --pod-repeat.
    const podArgs = process.argv.flatMap((a, i, all) => (a === '--pod-repeat' ? ['--repeat', all[i + 1]] : a === '--repeat' || all[i - 1] === '--repeat' || all[i - 1] === '--pod-repeat' ? [] : [a]));
    const { report, results } = runPodsSection(podArgs);
    process.stdout.write(`\n${report}`);
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, `pods-${stamp}.txt`), report);
    writeFileSync(join(RESULTS, `pods-${stamp}.json`), JSON.stringify(results, null, 2));
  }
}

function runBinding(repeat: number, stamp: string): void {
  const sizes = arg('--sizes', '1000,10000,100000').split(',').map(Number);
  const budgetS = Number(arg('--budget', '900'));
  const rows: SizeResult[] = [];
  for (const n of sizes) {
    process.stderr.write(`bench: ${n} PV+PVC pairs …\n`);
    const extra = ['--no-freeze', '--pvs-first'].filter((f) => process.argv.includes(f));
    const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=16384', '--import', 'tsx', fileURLToPath(import.meta.url), '--one', String(n), '--repeat', String(repeat), ...extra], {
      cwd: join(HERE, '..'),
      encoding: 'utf8',
      timeout: budgetS * 1000,
      maxBuffer: 1 << 24,
    });
    process.stderr.write(r.stderr ?? '');
    if (r.status === 0) rows.push(JSON.parse(r.stdout.trim().split('\n').pop()!) as SizeResult);
    else {
      const reached = (r.stderr ?? '').trim().split('\n').filter((l) => l.startsWith('  [')).pop()?.trim() ?? 'nothing';
      const why = r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT' ? `stopped after the ${budgetS}s budget; last phase reached: ${reached}` : `failed: ${(r.stderr || String(r.error)).trim().split('\n').slice(-3).join(' | ')}`;
      rows.push({ n, note: why } as SizeResult);
    }
    process.stderr.write(`bench: ${n} done\n`);
  }
  const load = loadavg().map((x) => x.toFixed(1)).join(' ');
  const report = `Engine benchmark — static binding of N PV+PVC pairs (${new Date().toISOString()}, node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs, load average at the end ${load})
store freeze: ${process.argv.includes('--no-freeze') ? 'off' : 'on (default)'}; order: ${PVS_FIRST ? 'PVs created and settled first, then the claims (--pvs-first)' : 'all objects, then one settle (default)'}; incremental medians over ${repeat} changes

${table(rows)}

growth: ${growth(rows) || '—'}
`;
  process.stdout.write(report);
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, `engine-${stamp}.txt`), report);
  writeFileSync(join(RESULTS, `engine-${stamp}.json`), JSON.stringify(rows, null, 2));
}

// Run only as a script, so other scripts may import manifests().
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
