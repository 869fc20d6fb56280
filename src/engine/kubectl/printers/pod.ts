// printPod from pkg/printers/internalversion/printers.go (v1.32): READY, the STATUS reason computed from
// init containers, containers, deletion and node loss, RESTARTS with `(12s ago)`, and the wide columns.
import type { KObject } from '../../model/types';
import { since } from '../duration';
import { arr, num, rec, spec, status, str, type Rec } from './helpers';
import { AGE_COL, NAME_COL, col, registerPrinter, type PrintOptions } from './table';
import { parseTime } from '../../clock/clock';

const NODE_UNREACHABLE_POD_REASON = 'NodeLost';

function isRestartableInit(c: Rec | undefined): boolean {
  return !!c && c.restartPolicy === 'Always';
}

function conditionTrue(st: Rec, type: string): boolean {
  return arr(st.conditions).some((c) => rec(c).type === type && rec(c).status === 'True');
}

/** The cells READY, STATUS, RESTARTS as printPod computes them. */
export function podStatusCells(pod: KObject, now: number): { ready: string; reason: string; restarts: string } {
  const sp = spec(pod);
  const st = status(pod);
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = arr(sp.containers).length;
  let readyContainers = 0;
  let lastRestart = 0;
  let lastRestartableInitRestart = 0;
  const phase = str(st.phase);
  let reason = phase;
  if (str(st.reason) !== '') reason = str(st.reason);
  for (const c of arr(st.conditions).map(rec))
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';

  const inits = new Map<string, Rec>();
  const initSpecs = arr(sp.initContainers).map(rec);
  for (const c of initSpecs) {
    inits.set(str(c.name), c);
    if (isRestartableInit(c)) totalContainers++;
  }

  let initializing = false;
  const initStatuses = arr(st.initContainerStatuses).map(rec);
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += num(c.restartCount);
    const lastTerm = rec(rec(c.lastState).terminated);
    const finished = parseTime(str(lastTerm.finishedAt)) ?? 0;
    if (rec(c.lastState).terminated && finished > lastRestart) lastRestart = finished;
    const restartable = isRestartableInit(inits.get(str(c.name)));
    if (restartable) {
      restartableInitRestarts += num(c.restartCount);
      if (rec(c.lastState).terminated && finished > lastRestartableInitRestart) lastRestartableInitRestart = finished;
    }
    const state = rec(c.state);
    const term = state.terminated ? rec(state.terminated) : undefined;
    const wait = state.waiting ? rec(state.waiting) : undefined;
    if (term && num(term.exitCode) === 0) continue;
    if (restartable && c.started === true) {
      if (c.ready === true) readyContainers++;
      continue;
    }
    if (term) {
      if (!str(term.reason)) reason = num(term.signal) !== 0 ? `Init:Signal:${num(term.signal)}` : `Init:ExitCode:${num(term.exitCode)}`;
      else reason = `Init:${str(term.reason)}`;
      initializing = true;
    } else if (wait && str(wait.reason) && wait.reason !== 'PodInitializing') {
      reason = `Init:${str(wait.reason)}`;
      initializing = true;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
      initializing = true;
    }
    break;
  }

  if (!initializing || conditionTrue(st, 'Initialized')) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const cs = arr(st.containerStatuses).map(rec);
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      restarts += num(c.restartCount);
      if (rec(c.lastState).terminated) {
        const finished = parseTime(str(rec(rec(c.lastState).terminated).finishedAt)) ?? 0;
        if (finished > lastRestart) lastRestart = finished;
      }
      const state = rec(c.state);
      const wait = state.waiting ? rec(state.waiting) : undefined;
      const term = state.terminated ? rec(state.terminated) : undefined;
      if (wait && str(wait.reason) !== '') reason = str(wait.reason);
      else if (term && str(term.reason) !== '') reason = str(term.reason);
      else if (term) reason = num(term.signal) !== 0 ? `Signal:${num(term.signal)}` : `ExitCode:${num(term.exitCode)}`;
      else if (c.ready === true && state.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(st, 'Ready') ? 'Running' : 'NotReady';
  }

  const terminal = phase === 'Failed' || phase === 'Succeeded';
  if (pod.metadata.deletionTimestamp && st.reason === NODE_UNREACHABLE_POD_REASON) reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && !terminal) reason = 'Terminating';

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestart !== 0) restartsStr = `${restarts} (${since(new Date(lastRestart).toISOString(), now)} ago)`;
  return { ready: `${readyContainers}/${totalContainers}`, reason, restarts: restartsStr };
}

function podRow(pod: KObject, opts: PrintOptions): unknown[] {
  const { ready, reason, restarts } = podStatusCells(pod, opts.now);
  const cells: unknown[] = [pod.metadata.name, ready, reason, restarts, since(pod.metadata.creationTimestamp, opts.now)];
  if (opts.wide) {
    const st = status(pod);
    const sp = spec(pod);
    const ips = arr(st.podIPs).map(rec);
    const podIP = (ips.length ? str(ips[0].ip) : '') || '<none>';
    const nodeName = str(sp.nodeName) || '<none>';
    const nominated = str(st.nominatedNodeName) || '<none>';
    let gates = '<none>';
    const rg = arr(sp.readinessGates).map(rec);
    if (rg.length) {
      let t = 0;
      for (const g of rg) {
        const c = arr(st.conditions).map(rec).find((x) => x.type === g.conditionType);
        if (c && c.status === 'True') t++;
      }
      gates = `${t}/${rg.length}`;
    }
    cells.push(podIP, nodeName, nominated, gates);
  }
  return cells;
}

registerPrinter('Pod', {
  columns: [
    NAME_COL,
    col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 'string', 'The aggregate status of the containers in this pod.'),
    col('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    AGE_COL,
    col('IP', 'string', 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', 1),
    col('Node', 'string', 'NodeName indicates in which node this pod is scheduled.', 1),
    col('Nominated Node', 'string', 'nominatedNodeName is set only when this pod preempts other pods on the node.', 1),
    col('Readiness Gates', 'string', 'If specified, all readiness gates will be evaluated for pod readiness.', 1),
  ],
  row: podRow,
});
