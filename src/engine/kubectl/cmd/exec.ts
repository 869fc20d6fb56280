// kubectl exec POD [-c CONTAINER] [-i] [-t] -- COMMAND…: delegated to the kubelet's shell (ctx.exec).
import { kindInfo } from '../../model/kinds';
import { clientError } from '../errors';
import { flagString, parseFlags, type FlagSpec } from '../flags';
import type { Io } from '../io';
import { getObject } from '../resources';
import { arr, rec, str } from '../printers/helpers';
import { namespaceOf } from './common';

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
  const target = p.args[0].replace(/^(pod|pods|po)\//, '');
  if (target.includes('/')) throw clientError(`only pods can be the target of exec in this kubectl: ${p.args[0]}`);
  const ns = namespaceOf(io.ctx, p);
  const pod = getObject(io.ctx.sim, kindInfo('Pod'), ns, target);
  const containers = arr(rec(pod.spec).containers).map((c) => str(rec(c).name));
  let container = flagString(p, 'container');
  if (container === undefined) {
    container = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? containers[0];
    if (containers.length > 1 && !pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'])
      io.warn(`Defaulted container "${container}" out of: ${containers.join(', ')}\n`);
  } else if (!containers.includes(container)) {
    throw clientError(`container ${container} not found in pod ${target}`);
  }
  if (!io.ctx.exec) throw clientError('the kubelet shell is not available in this environment, so exec cannot run commands');
  const phase = str(rec(pod.status).phase);
  if (phase === 'Succeeded' || phase === 'Failed')
    throw clientError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const r = io.ctx.exec({ namespace: ns, pod: target, container, argv: command, stdin: io.ctx.stdin });
  io.print(r.stdout);
  io.warn(r.stderr);
  // The real client reports a non-zero exit of the remote command this way and exits with its code.
  if (r.code !== 0) io.warn(`command terminated with exit code ${r.code}\n`);
  io.code = r.code;
}
