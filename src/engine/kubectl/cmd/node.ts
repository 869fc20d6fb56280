// kubectl cordon / uncordon / drain (k8s.io/kubectl/pkg/drain): cordon, the pod filters (DaemonSet-managed,
// local storage = emptyDir, no controller) with their errors and warnings, eviction, and waiting for the
// evicted pods to go away in virtual time.
import type { KObject } from '../../model/types';
import { kindInfo } from '../../model/kinds';
import { parseDuration } from '../../clock/clock';
import { KubectlError, clientError, usageError } from '../errors';
import { flagBool, flagInt, flagString, parseFlags, type FlagSpec } from '../flags';
import type { Io } from '../io';
import { getObject } from '../resources';
import { arr, rec, str } from '../printers/helpers';
import { settleNow, dryRunOf, dryRunSuffix } from './common';
import { waitGone } from './delete';
import { matchLabels, parseLabelSelector } from '../selectors';

const CORDON_FLAGS: FlagSpec[] = [
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
];

function nodeNames(io: Io, p: ReturnType<typeof parseFlags>, verb: string): KObject[] {
  const nodeKind = kindInfo('Node');
  const sel = flagString(p, 'selector');
  if (sel) {
    const s = parseLabelSelector(sel);
    return io.ctx.sim.store.list('Node').filter((n) => matchLabels(s, n.metadata.labels));
  }
  if (p.args.length !== 1) throw usageError(verb, `USAGE: ${verb} NODE [flags]`);
  const name = p.args[0].replace(/^(node|nodes|no)\//, '');
  return [getObject(io.ctx.sim, nodeKind, '', name)];
}

function setUnschedulable(io: Io, node: KObject, desired: boolean, dry: ReturnType<typeof dryRunOf>): void {
  const verb = desired ? 'cordoned' : 'uncordoned';
  const cur = rec(node.spec).unschedulable === true;
  if (cur === desired) {
    io.print(`node/${node.metadata.name} already ${verb}${dryRunSuffix(dry)}\n`);
    return;
  }
  if (dry !== 'client')
    io.ctx.sim.store.patch('Node', undefined, node.metadata.name, 'strategic', { spec: { unschedulable: desired ? true : null } }, { dryRun: dry === 'server' });
  if (dry === 'none') settleNow(io.ctx);
  io.print(`node/${node.metadata.name} ${verb}${dryRunSuffix(dry)}\n`);
}

export function runCordon(io: Io, argv: readonly string[], cordon: boolean): void {
  const verb = cordon ? 'cordon' : 'uncordon';
  const p = parseFlags(verb, argv, CORDON_FLAGS);
  const dry = dryRunOf(p, io);
  for (const n of nodeNames(io, p, verb)) setUnschedulable(io, n, cordon, dry);
}

const DRAIN_FLAGS: FlagSpec[] = [
  ...CORDON_FLAGS,
  { name: 'ignore-daemonsets', type: 'bool' },
  { name: 'delete-emptydir-data', type: 'bool' },
  { name: 'delete-local-data', type: 'bool' },
  { name: 'force', type: 'bool' },
  { name: 'grace-period', type: 'int' },
  { name: 'timeout', type: 'string' },
  { name: 'disable-eviction', type: 'bool' },
  { name: 'pod-selector', type: 'string' },
  { name: 'skip-wait-for-delete-timeout', type: 'int' },
  { name: 'chunk-size', type: 'int' },
];

/** How long drain waits for evicted pods without --timeout (the real one waits indefinitely). */
const DRAIN_WAIT_LIMIT_MS = 5 * 60_000;

export function runDrain(io: Io, argv: readonly string[]): void {
  const p = parseFlags('drain', argv, DRAIN_FLAGS);
  const dry = dryRunOf(p, io);
  const nodes = nodeNames(io, p, 'drain');
  const podSel = flagString(p, 'pod-selector');
  const sel = podSel ? parseLabelSelector(podSel) : undefined;
  const remaining = nodes.map((n) => n.metadata.name);
  for (const node of nodes) {
    setUnschedulable(io, node, true, dry);
    const pods = io.ctx.sim.store
      .list('Pod')
      .filter((pod) => str(rec(pod.spec).nodeName) === node.metadata.name && (!sel || matchLabels(sel, pod.metadata.labels)))
      .sort((a, b) => (`${a.metadata.namespace}/${a.metadata.name}` < `${b.metadata.namespace}/${b.metadata.name}` ? -1 : 1));
    // GetPodsForDeletion: the filters in k8s.io/kubectl/pkg/drain/filters.go, in order.
    const errs: Record<string, string[]> = {};
    const warns: Record<string, string[]> = {};
    const toDelete: KObject[] = [];
    // GetPodsForDeletion runs the filters of k8s.io/kubectl/pkg/drain in order (skipDeleted, daemonSet,
    // mirrorPod, localStorage, unreplicated); the first refusal stops a pod's checks, and only the last
    // filter's warning is kept.
    for (const pod of pods) {
      const id = `${pod.metadata.namespace}/${pod.metadata.name}`;
      if (pod.metadata.deletionTimestamp) continue;
      const phase = str(rec(pod.status).phase);
      const finished = phase === 'Succeeded' || phase === 'Failed';
      const ctrl = (pod.metadata.ownerReferences ?? []).find((r) => r.controller);
      let warning: string | undefined;
      let refused: string | undefined;
      let skip = false;
      if (ctrl?.kind === 'DaemonSet') {
        if (flagBool(p, 'ignore-daemonsets')) {
          warning = 'ignoring DaemonSet-managed Pods';
          skip = true;
        } else refused = 'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
      } else if (pod.metadata.annotations?.['kubernetes.io/config.mirror']) skip = true;
      else {
        const local = arr(rec(pod.spec).volumes).some((v) => rec(v).emptyDir !== undefined);
        if (local && !finished) {
          if (flagBool(p, 'delete-emptydir-data') || flagBool(p, 'delete-local-data')) warning = 'deleting Pods with local storage';
          else refused = 'cannot delete Pods with local storage (use --delete-emptydir-data to override)';
        }
        if (!refused && !ctrl && !finished) {
          if (flagBool(p, 'force')) warning = 'deleting Pods that declare no controller';
          else refused = 'cannot delete Pods that declare no controller (use --force to override)';
        }
      }
      if (refused) (errs[refused] ??= []).push(id);
      else if (warning) (warns[warning] ??= []).push(id);
      if (!refused && !skip) toDelete.push(pod);
    }
    const errText = Object.entries(errs).map(([m, ids]) => `${m}: ${ids.join(', ')}`).join('; ');
    if (errText) {
      io.warn(`error: unable to drain node "${node.metadata.name}" due to error: ${errText}, continuing command...\n`);
      io.warn('There are pending nodes to be drained:\n');
      for (const n of remaining) io.warn(` ${n}\n`);
      // kubectl 1.32 ends with the bare message (no `error: ` prefix)
      io.fail(new KubectlError(`${errText}\n`));
      return;
    }
    const warnText = Object.entries(warns).map(([m, ids]) => `${m}: ${ids.join(', ')}`).join('; ');
    if (warnText) io.warn(`Warning: ${warnText}\n`);
    if (dry !== 'none') {
      for (const pod of toDelete) io.print(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name}${dryRunSuffix(dry)}\n`);
      io.print(`node/${node.metadata.name} drained${dryRunSuffix(dry)}\n`);
      continue;
    }
    const grace = flagInt(p, 'grace-period');
    const podKind = kindInfo('Pod');
    for (const pod of toDelete) {
      io.print(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name}\n`);
      io.ctx.sim.store.delete('Pod', pod.metadata.namespace, pod.metadata.name, {
        gracePeriodSeconds: grace !== undefined && grace >= 0 ? grace : undefined,
        preconditions: { uid: pod.metadata.uid },
      });
      settleNow(io.ctx);
    }
    const t = flagString(p, 'timeout');
    const limit = t && t !== '0s' && t !== '0' ? parseDuration(t) ?? DRAIN_WAIT_LIMIT_MS : DRAIN_WAIT_LIMIT_MS;
    const left = waitGone(io, toDelete.map((obj) => ({ kind: podKind, obj })), limit);
    for (const pod of toDelete) if (!left.some((l) => l.obj === pod)) io.print(`pod/${pod.metadata.name} evicted\n`);
    if (left.length) {
      io.fail(clientError(`unable to drain node "${node.metadata.name}" due to error: [${left.map((l) => `error when waiting for pod "${l.obj.metadata.name}" in namespace "${l.obj.metadata.namespace}" to terminate: global timeout reached: ${t ?? '5m0s'}`).join(', ')}], continuing command...`));
      return;
    }
    remaining.shift();
    io.print(`node/${node.metadata.name} drained\n`);
  }
}
