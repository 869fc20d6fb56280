// kubectl logs POD|TYPE/NAME [CONTAINER] [-c CONTAINER] [-p] [--tail N] (k8s.io/kubectl/pkg/cmd/logs): the
// argument rules and texts of LogsOptions.Complete/Validate, the default container as exec picks it, and
// the log itself read from the kubelet through ctx.logs.
import { usageError, clientError } from '../errors';
import { flagBool, flagInt, flagString, parseFlags, type FlagSpec } from '../flags';
import type { Io } from '../io';
import { arr, rec, str } from '../printers/helpers';
import { isApiError } from '../../store/errors';
import { namespaceOf } from './common';
import { attachablePod } from './exec';

const FLAGS: FlagSpec[] = [
  { name: 'container', short: 'c', type: 'string' },
  { name: 'previous', short: 'p', type: 'bool' },
  { name: 'tail', type: 'int' },
  { name: 'follow', short: 'f', type: 'bool' },
  { name: 'timestamps', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all-containers', type: 'bool' },
  { name: 'prefix', type: 'bool' },
  { name: 'since', type: 'string' },
  { name: 'limit-bytes', type: 'int' },
  { name: 'pod-running-timeout', type: 'string' },
  { name: 'ignore-errors', type: 'bool' },
  { name: 'max-log-requests', type: 'int' },
];

const USAGE = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";

/** The kubelet's tail: the last n lines of the log (-1 = all). */
export function tailLines(log: string, n: number): string {
  if (n < 0) return log;
  if (n === 0) return '';
  const lines = log.split(/(?<=\n)/);
  return lines.slice(Math.max(0, lines.length - n)).join('');
}

export function runLogs(io: Io, argv: readonly string[]): void {
  const p = parseFlags('logs', argv, FLAGS);
  let container = flagString(p, 'container');
  const selector = flagString(p, 'selector');
  // Complete: one POD or TYPE/NAME, or POD CONTAINER (the old positional form)
  if (p.args.length === 0 && !selector) throw usageError('logs', USAGE);
  if (p.args.length === 1 && selector) throw usageError('logs', 'only a selector (-l) or a POD name is allowed');
  if (p.args.length === 2) container = p.args[1];
  if (p.args.length > 2) throw usageError('logs', USAGE);
  if (selector) throw clientError('logs with a label selector (-l) are not simulated; name a pod');
  const tail = flagInt(p, 'tail') ?? -1;
  // Validate
  if (tail < -1) throw clientError('--tail must be greater than or equal to -1');
  const ns = namespaceOf(io.ctx, p);
  let pod;
  let found = 0;
  try {
    // logsForObject (unlike exec) says which of several pods it reads
    pod = attachablePod(io, p.args[0], ns, (n) => n > 1 && (found = n));
  } catch (e) {
    // Complete's GET goes through the builder's visitor, which words a missing object this way
    if (isApiError(e) && e.reason === 'NotFound') throw clientError(`error from server (NotFound): ${e.message} in namespace "${ns}"`);
    throw e;
  }
  if (found) io.warn(`Found ${found} pods, using pod/${pod.metadata.name}\n`);
  const containers = arr(rec(pod.spec).containers).map((c) => str(rec(c).name));
  if (container === undefined) {
    const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
    container = annotated ?? containers[0];
    if (containers.length > 1 && !annotated) io.warn(`Defaulted container "${container}" out of: ${containers.join(', ')}\n`);
  }
  // the client checks an explicit container against the pod (podcmd.FindContainerByName)
  const all = [...containers, ...arr(rec(pod.spec).initContainers).map((c) => str(rec(c).name)), ...arr(rec(pod.spec).ephemeralContainers).map((c) => str(rec(c).name))];
  if (!all.includes(container)) throw clientError(`container ${container} is not valid for pod ${pod.metadata.name}`);
  if (!io.ctx.logs) throw clientError('the kubelet is not available in this environment, so logs cannot be read');
  const r = io.ctx.logs({ namespace: ns, pod: pod.metadata.name, container, previous: flagBool(p, 'previous') });
  if (r.error !== undefined) {
    io.warn(r.error.endsWith('\n') ? r.error : r.error + '\n');
    io.code = 1;
    return;
  }
  io.print(tailLines(r.log ?? '', tail));
}
