// kubectl scale --replicas=N TYPE NAME: writes spec.replicas of a Deployment, ReplicaSet or StatefulSet
// (the scale subresource) and prints `statefulset.apps/web scaled`.
import { clientError } from '../errors';
import { flagInt, parseFlags, type FlagSpec } from '../flags';
import type { Io } from '../io';
import { kindPrefix } from '../output';
import { getObject, parseResourceArgs } from '../resources';
import { rec } from '../printers/helpers';
import { namespaceOf, selectObjects, settleNow } from './common';
import type { KObject } from '../../model/types';
import type { KindInfo } from '../../model/kinds';

const FLAGS: FlagSpec[] = [
  { name: 'replicas', type: 'int' },
  { name: 'current-replicas', type: 'int' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'timeout', type: 'string' },
  { name: 'filename', short: 'f', type: 'strings' },
];

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);

export function runScale(io: Io, argv: readonly string[]): void {
  const p = parseFlags('scale', argv, FLAGS);
  const replicas = flagInt(p, 'replicas');
  if (replicas === undefined) throw clientError('required flag(s) "replicas" not set');
  if (replicas < 0) throw clientError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  if (!p.args.length) throw clientError('required resource not specified');
  const ns = namespaceOf(io.ctx, p);
  const targets: { kind: KindInfo; obj: KObject }[] = [];
  for (const ref of parseResourceArgs(p.args)) {
    if (ref.name === undefined) {
      for (const o of selectObjects(io.ctx, ref.kind, ns, p)) targets.push({ kind: ref.kind, obj: o });
      continue;
    }
    try {
      targets.push({ kind: ref.kind, obj: getObject(io.ctx.sim, ref.kind, ns, ref.name) });
    } catch (e) {
      io.fail(e);
    }
  }
  const current = flagInt(p, 'current-replicas');
  for (const t of targets) {
    if (!SCALABLE.has(t.kind.kind)) {
      io.fail(clientError(`no scaler has been implemented for {"${t.kind.group}" "${t.kind.kind}"}`));
      continue;
    }
    const have = rec(t.obj.spec).replicas;
    if (current !== undefined && current !== -1 && have !== current) {
      io.fail(clientError(`Expected replicas to be ${current}, was ${String(have)}`));
      continue;
    }
    try {
      io.ctx.sim.store.patch(t.kind.kind, t.obj.metadata.namespace, t.obj.metadata.name, 'merge', { spec: { replicas } });
      settleNow(io.ctx);
      io.print(`${kindPrefix(t.kind.kind)}/${t.obj.metadata.name} scaled\n`);
    } catch (e) {
      io.fail(e);
    }
  }
}
