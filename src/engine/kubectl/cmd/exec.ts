// kubectl exec POD [-c CONTAINER] [-i] [-t] -- COMMAND…: delegated to the kubelet's shell (ctx.exec).
import { kindInfo } from '../../model/kinds';
import { clientError } from '../errors';
import { flagString, parseFlags, type FlagSpec } from '../flags';
import type { Io } from '../io';
import { getObject } from '../resources';
import { arr, rec, str } from '../printers/helpers';
import { namespaceOf } from './common';
import { parseResourceArgs } from '../resources';
import { matchLabels, parseLabelSelector } from '../selectors';
import { formatLabelSelector } from '../printers/helpers';
import { goSort } from '../gosort';
import type { KObject } from '../../model/types';

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function ready(p: KObject): boolean {
  return arr(rec(p.status).conditions).some((c) => rec(c).type === 'Ready' && rec(c).status === 'True');
}
function readySince(p: KObject): number {
  const c = arr(rec(p.status).conditions).map(rec).find((x) => x.type === 'Ready' && x.status === 'True');
  return Date.parse(str(c?.lastTransitionTime)) || 0;
}
function maxRestarts(p: KObject): number {
  return Math.max(0, ...arr(rec(p.status).containerStatuses).map((c) => Number(rec(c).restartCount ?? 0)));
}

/** podutils.ActivePods.Less: unassigned, pending, not ready, recently ready, restarting, newer pods first. */
function lessActive(a: KObject, b: KObject): boolean {
  const na = str(rec(a.spec).nodeName);
  const nb = str(rec(b.spec).nodeName);
  if (na !== nb && (!na || !nb)) return !na;
  const pa = PHASE_RANK[str(rec(a.status).phase)] ?? 0;
  const pb = PHASE_RANK[str(rec(b.status).phase)] ?? 0;
  if (pa !== pb) return pa < pb;
  if (ready(a) !== ready(b)) return !ready(a);
  if (ready(a) && ready(b) && readySince(a) !== readySince(b)) return readySince(a) > readySince(b);
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(a) > maxRestarts(b);
  const ca = Date.parse(a.metadata.creationTimestamp ?? '') || 0;
  const cb = Date.parse(b.metadata.creationTimestamp ?? '') || 0;
  return ca !== cb && ca > cb;
}

/**
 * AttachablePodForObjectFn: a pod is itself; a Deployment, ReplicaSet or StatefulSet resolves to the most
 * active pod its selector matches (GetFirstPod sorted by sort.Reverse(ActivePods)).
 */
export function attachablePod(io: Io, arg: string, ns: string, found?: (pods: number) => void): KObject {
  if (!arg.includes('/')) return getObject(io.ctx.sim, kindInfo('Pod'), ns, arg);
  const [ref] = parseResourceArgs([arg]);
  const owner = getObject(io.ctx.sim, ref.kind, ns, ref.name!);
  if (ref.kind.kind === 'Pod') return owner;
  if (!['Deployment', 'ReplicaSet', 'StatefulSet'].includes(ref.kind.kind))
    throw clientError(`cannot attach to ${ref.kind.kind.toLowerCase()}: selector for ${ref.kind.kind.toLowerCase()} not implemented`);
  const sel = parseLabelSelector(formatLabelSelector(rec(owner.spec).selector).replace(/^<none>$/, ''));
  const pods = io.ctx.sim.store
    .list('Pod', ns)
    .filter((p) => matchLabels(sel, p.metadata.labels))
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  if (!pods.length) throw clientError('timed out waiting for the condition');
  found?.(pods.length);
  return goSort([...pods], (a, b) => lessActive(b, a))[0];
}

const FLAGS: FlagSpec[] = [
  { name: 'container', short: 'c', type: 'string' },
  { name: 'stdin', short: 'i', type: 'bool' },
  { name: 'tty', short: 't', type: 'bool' },
  { name: 'quiet', short: 'q', type: 'bool' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'pod-running-timeout', type: 'string' },
];

export function runExec(io: Io, argv: readonly string[]): void {
  const p = parseFlags('exec', argv, FLAGS);
  if (!p.args.length) throw clientError('pod, type/name or --filename must be specified');
  // `kubectl exec POD CMD` without `--` was removed; the command must follow `--`.
  const command = p.dashdash ? p.rest : p.args.slice(1);
  if (!command.length) throw clientError('you must specify at least one command for the container');
  if (!p.dashdash && p.args.length > 1)
    throw clientError(`exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead`);
  const ns = namespaceOf(io.ctx, p);
  const pod = attachablePod(io, p.args[0], ns);
  const target = pod.metadata.name;
  const containers = arr(rec(pod.spec).containers).map((c) => str(rec(c).name));
  let container = flagString(p, 'container');
  if (container === undefined) {
    container = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? containers[0];
    if (containers.length > 1 && !pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'])
      io.warn(`Defaulted container "${container}" out of: ${containers.join(', ')}\n`);
  }
  // An explicit -c is not checked on the client (kubectl 1.32): the server answers
  // `container <c> is not valid for pod <pod>` through the exec handler.
  if (!io.ctx.exec) throw clientError('the kubelet shell is not available in this environment, so exec cannot run commands');
  const phase = str(rec(pod.status).phase);
  if (phase === 'Succeeded' || phase === 'Failed')
    throw clientError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const r = io.ctx.exec({ namespace: ns, pod: target, container, argv: command, stdin: io.ctx.stdin });
  io.print(r.stdout);
  io.warn(r.stderr);
  // The real client reports a non-zero exit of the remote command this way and exits with its code.
  // An error from the API server or the kubelet (no process ran) is printed as it is, without that line.
  if (r.code !== 0 && !r.notStarted) io.warn(`command terminated with exit code ${r.code}\n`);
  io.code = r.code;
}
