// kubectl scale --replicas=N TYPE NAME: writes spec.replicas of a Deployment, ReplicaSet or StatefulSet
// (the scale subresource) and prints `statefulset.apps/web scaled`.
import { clientError } from '../errors';
import { flagBool, flagInt, flagString, parseFlags, type FlagSpec } from '../flags';
import type { Io } from '../io';
import { kindPrefix } from '../output';
import { getObject, parseResourceArgs } from '../resources';
import { rec } from '../printers/helpers';
import { dryRunOf, dryRunSuffix, namespaceOf, selectObjects, settleNow } from './common';
import type { KObject } from '../../model/types';
import type { KindInfo } from '../../model/kinds';

const FLAGS: FlagSpec[] = [
  { name: 'replicas', type: 'int' },
  { name: 'current-replicas', type: 'int' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'timeout', type: 'string' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'resource-version', type: 'string' },
  { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'record', type: 'bool' },
];

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);

export function runScale(io: Io, argv: readonly string[]): void {
  const p = parseFlags('scale', argv, FLAGS);
  const replicas = flagInt(p, 'replicas');
  if (replicas === undefined) throw clientError('required flag(s) "replicas" not set');
  if (!p.args.length) throw clientError('required resource not specified');
  // Validate
  if (replicas < 0) throw clientError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const current = flagInt(p, 'current-replicas') ?? -1;
  if (current < -1) throw clientError('The --current-replicas must specify an integer of -1 or greater');
  const ns = namespaceOf(io.ctx, p);
  const refs = parseResourceArgs(p.args);
  const bulk = flagBool(p, 'all') || flagString(p, 'selector') !== undefined;
  if (refs.some((r) => r.name === undefined) && !bulk) throw clientError('resource(s) were provided, but no name was specified');
  // RunScale: the builder's infos with ContinueOnError; reading errors are kept for the end
  const targets: { kind: KindInfo; obj: KObject }[] = [];
  const infoErrs: unknown[] = [];
  for (const ref of refs) {
    if (ref.name === undefined) {
      for (const o of selectObjects(io.ctx, ref.kind, ns, p)) targets.push({ kind: ref.kind, obj: o });
      continue;
    }
    try {
      targets.push({ kind: ref.kind, obj: getObject(io.ctx.sim, ref.kind, ns, ref.name) });
    } catch (e) {
      infoErrs.push(e);
    }
  }
  const rv = flagString(p, 'resource-version') ?? '';
  if (rv && targets.length > 1) throw clientError('cannot use --resource-version with multiple resources');
  if (!targets.length) {
    // fmt.Errorf("no objects passed to scale %w", infoErr): the aggregate's text, `[a, b]` for several
    const msgs = infoErrs.map((e) => (e as Error).message);
    throw clientError(`no objects passed to scale${msgs.length ? ' ' + (msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`) : ''}`);
  }
  const dry = dryRunOf(p, io);
  for (const t of targets) {
    if (!SCALABLE.has(t.kind.kind)) throw clientError(`no scaler has been implemented for {"${t.kind.group}" "${t.kind.kind}"}`);
    // ScalePrecondition.validate, on the Scale the client GETs first when a precondition is asked for
    const have = rec(t.obj.spec).replicas;
    if (current !== -1 && have !== current) throw clientError(`Expected replicas to be ${current}, was ${String(have)}`);
    if (rv && rv !== t.obj.metadata.resourceVersion) throw clientError(`Expected resource version to be ${rv}, was ${t.obj.metadata.resourceVersion ?? ''}`);
    if (dry !== 'client') {
      io.ctx.sim.store.patch(t.kind.kind, t.obj.metadata.namespace, t.obj.metadata.name, 'merge', { spec: { replicas } }, { dryRun: dry === 'server' });
      if (dry === 'none') settleNow(io.ctx);
    }
    io.print(`${kindPrefix(t.kind.kind)}/${t.obj.metadata.name} scaled${dryRunSuffix(dry)}\n`);
  }
  // the reading errors come last, after what could be scaled
  for (const e of infoErrs) io.fail(e);
}
