// kubectl delete: names, TYPE/NAME, -f, -l, --all; prints `persistentvolumeclaim "x" deleted` and, with
// --wait (the default), advances virtual time in small steps until the objects are gone — a claim held by
// kubernetes.io/pvc-protection keeps it waiting, as the real command appears to hang.
import type { KindInfo } from '../../model/kinds';
import type { KObject } from '../../model/types';
import { parseDuration } from '../../clock/clock';
import { isApiError } from '../../store/errors';
import { KubectlError, clientError } from '../errors';
import { flagBool, flagInt, flagString, flagStrings, parseFlags, type FlagSpec } from '../flags';
import type { Io } from '../io';
import { readManifests } from '../files';
import { getObject, parseResourceArgs } from '../resources';
import { allNamespaces, dryRunOf, dryRunSuffix, namespaceOf, selectObjects, settleNow } from './common';
import { placeDoc, withSource } from './apply';
import { kindPrefix } from '../output';

const FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'wait', type: 'bool' },
  { name: 'grace-period', type: 'int' },
  { name: 'force', type: 'bool' },
  { name: 'now', type: 'bool' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'cascade', type: 'string' },
  { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'timeout', type: 'string' },
  { name: 'interactive', short: 'i', type: 'bool' },
];

export const NO_RESOURCES_MSG =
  "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

/** Without --timeout the real command waits up to a week; the simulation stops after this much virtual time. */
export const DELETE_WAIT_LIMIT_MS = 2 * 60_000;
const WAIT_STEP_MS = 250;

/** Advances virtual time until every object is gone (or the limit); returns the ones still present. */
export function waitGone(io: Io, targets: readonly { kind: KindInfo; obj: KObject }[], limitMs: number): { kind: KindInfo; obj: KObject }[] {
  const sim = io.ctx.sim;
  const present = () =>
    targets.filter((t) => {
      const cur = sim.store.get(t.kind.kind, t.obj.metadata.namespace, t.obj.metadata.name);
      return cur !== undefined && cur.metadata.uid === t.obj.metadata.uid;
    });
  const deadline = sim.now() + limitMs;
  let left = present();
  while (left.length && sim.now() < deadline) {
    sim.advance(Math.min(WAIT_STEP_MS, deadline - sim.now()));
    left = present();
  }
  return left;
}

export function runDelete(io: Io, argv: readonly string[]): void {
  const ctx = io.ctx;
  const p = parseFlags('delete', argv, FLAGS);
  const ns = namespaceOf(ctx, p);
  const dry = dryRunOf(p, io);
  const force = flagBool(p, 'force');
  let grace = flagInt(p, 'grace-period') ?? -1;
  if (flagBool(p, 'now')) grace = 1;
  // --grace-period=0 without --force becomes 1 (cmd/delete/delete.go), --force alone means 0.
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  const cascade = flagString(p, 'cascade') ?? 'background';
  if (!['background', 'foreground', 'orphan', 'true', 'false'].includes(cascade))
    throw clientError(`invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan"`);
  const propagationPolicy = cascade === 'orphan' || cascade === 'false' ? 'Orphan' : cascade === 'foreground' ? 'Foreground' : 'Background';
  const wait = flagBool(p, 'wait', true);
  const all = flagBool(p, 'all');
  const selector = flagString(p, 'selector');
  const files = flagStrings(p, 'filename');
  const ignoreNotFound = flagBool(p, 'ignore-not-found') || all || !!selector;

  const targets: { kind: KindInfo; obj: KObject }[] = [];
  if (files.length) {
    const read = readManifests(ctx, files, flagBool(p, 'recursive'));
    for (const e of read.errors) io.fail(e);
    for (const d of read.docs) {
      try {
        const o = placeDoc(io, d, flagString(p, 'namespace'));
        targets.push({ kind: d.kind, obj: getObject(ctx.sim, d.kind, o.metadata.namespace ?? ns, o.metadata.name) });
      } catch (e) {
        if (!(isApiError(e) && e.reason === 'NotFound' && ignoreNotFound)) io.fail(withSource(e, 'deleting', d.source));
      }
    }
  } else {
    if (!p.args.length) throw clientError(NO_RESOURCES_MSG);
    const refs = parseResourceArgs(p.args);
    const named = refs.some((r) => r.name !== undefined);
    if (named && (all || selector)) throw clientError('name cannot be provided when a selector is specified');
    for (const ref of refs) {
      if (ref.name === undefined) {
        if (!all && !selector && !flagString(p, 'field-selector')) throw clientError('resource(s) were provided, but no name was specified');
        for (const o of selectObjects(ctx, ref.kind, allNamespaces(p) ? undefined : ns, p)) targets.push({ kind: ref.kind, obj: o });
        continue;
      }
      try {
        targets.push({ kind: ref.kind, obj: getObject(ctx.sim, ref.kind, ns, ref.name) });
      } catch (e) {
        if (!(isApiError(e) && e.reason === 'NotFound' && flagBool(p, 'ignore-not-found'))) io.fail(e);
      }
    }
  }
  if (!targets.length && !io.errors.length && (all || selector)) {
    io.print('No resources found\n');
    return;
  }
  if (force && grace === 0 && targets.length)
    io.warn('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');

  const deleted: { kind: KindInfo; obj: KObject }[] = [];
  for (const t of targets) {
    try {
      if (dry !== 'client')
        ctx.sim.store.delete(t.kind.kind, t.obj.metadata.namespace, t.obj.metadata.name, {
          dryRun: dry === 'server',
          gracePeriodSeconds: grace >= 0 ? grace : undefined,
          propagationPolicy,
          preconditions: { uid: t.obj.metadata.uid },
        });
      if (dry === 'none') settleNow(ctx);
      if (flagString(p, 'output') === 'name') io.print(`${kindPrefix(t.kind.kind)}/${t.obj.metadata.name}\n`);
      // --force with grace 0 is reported as "force deleted" (delete.go's deleteResource operation)
      else
        io.print(
          `${t.kind.kind.toLowerCase()}${t.kind.group ? '.' + t.kind.group : ''} "${t.obj.metadata.name}" ${force && grace === 0 ? 'force deleted' : 'deleted'}${dryRunSuffix(dry)}\n`,
        );
      deleted.push(t);
    } catch (e) {
      if (isApiError(e) && e.reason === 'NotFound' && ignoreNotFound) continue;
      if (e instanceof KubectlError || isApiError(e)) io.fail(e);
      else throw e;
    }
  }
  if (!wait || dry !== 'none' || !deleted.length) return;
  const timeoutFlag = flagString(p, 'timeout');
  const timeout = timeoutFlag && timeoutFlag !== '0' && timeoutFlag !== '0s' ? parseDuration(timeoutFlag) : undefined;
  if (timeoutFlag && timeout === undefined && timeoutFlag !== '0' && timeoutFlag !== '0s')
    throw clientError(`invalid argument "${timeoutFlag}" for "--timeout" flag: time: invalid duration "${timeoutFlag}"`);
  const left = waitGone(io, deleted, timeout ?? DELETE_WAIT_LIMIT_MS);
  for (const t of left)
    io.fail(clientError(`timed out waiting for the condition on ${t.kind.plural}/${t.obj.metadata.name}`));
}
