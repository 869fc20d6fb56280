// `npm run serve-api -- [--port 18080] [--cluster alicloud|PATH] [--seed N] [--speed 1] [--fixed-epoch] [--verbose]`
// Serves a simulated cluster to the real kubectl:
//   kubectl --server http://127.0.0.1:18080 get pv
// This file is the only place where the API server's virtual clock follows the wall clock: every tick
// advances the simulation by the elapsed wall time × speed, so a watching kubectl sees provisioning,
// binding and deletion happen.
import { createSimulation } from '../engine/sim/create';
import { createApiServer } from './api';
import { DEFAULT_PROFILE, HostError, loadCluster } from './engine-parts';

const TICK_MS = 100;

interface Args {
  port: number;
  cluster: string;
  seed: number;
  speed: number;
  verbose: boolean;
  fixedEpoch: boolean;
}

function parseArgs(argv: readonly string[]): Args | string {
  const a: Args = { port: 18080, cluster: DEFAULT_PROFILE, seed: 1, speed: 1, verbose: false, fixedEpoch: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes('=') ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
    const value = () => inline ?? argv[++i] ?? '';
    if (flag === '--port') a.port = Number(value());
    else if (flag === '--cluster') a.cluster = value();
    else if (flag === '--seed') a.seed = Number(value());
    else if (flag === '--speed') a.speed = Number(value());
    else if (flag === '--verbose' || flag === '-v') a.verbose = true;
    else if (flag === '--fixed-epoch') a.fixedEpoch = true;
    else return `unknown argument "${argv[i]}"`;
  }
  if (!Number.isInteger(a.port) || a.port < 0 || a.port > 65535) return 'invalid --port';
  if (!Number.isInteger(a.seed)) return 'invalid --seed';
  if (!(a.speed >= 0)) return 'invalid --speed';
  return a;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`error: ${args}\nusage: serve-api [--port 18080] [--cluster ${DEFAULT_PROFILE}|PATH] [--seed N] [--speed 1] [--fixed-epoch] [--verbose]\n`);
    return 2;
  }
  let cluster;
  try {
    cluster = await loadCluster(args.cluster);
  } catch (e) {
    if (!(e instanceof HostError)) throw e;
    process.stderr.write(`error: ${e.message}\n`);
    return 1;
  }
  // The virtual clock starts at the wall-clock time of start: kubectl computes some ages on the client
  // from its own clock (describe's event ages, `get events` LAST SEEN), which then read right at 1×.
  // --fixed-epoch keeps the engine's fixed start instant (timestamps identical from run to run).
  const epochMs = args.fixedEpoch ? undefined : Math.floor(Date.now() / 1000) * 1000;
  const sim = createSimulation(cluster, { seed: args.seed, epochMs });
  const api = await createApiServer(sim, { port: args.port, log: args.verbose ? (l) => process.stderr.write(l + '\n') : undefined });
  process.stdout.write(
    `serving cluster "${cluster.name}" (seed ${args.seed}, ${args.speed}× speed) at ${api.url}\n` +
      `  kubectl --server ${api.url} get pv,pvc\n`,
  );
  let last = performance.now();
  let carry = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    carry += (now - last) * args.speed;
    last = now;
    const ms = Math.floor(carry);
    carry -= ms;
    if (ms > 0) sim.advance(ms);
  }, TICK_MS);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  clearInterval(tick);
  await api.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
