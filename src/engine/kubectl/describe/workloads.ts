// Brief describers for Node, Deployment, StatefulSet and Namespace, following pkg/describe/describe.go.
import type { KObject } from '../../model/types';
import type { Simulation } from '../../sim/simulation';
import { canonicalQuantity, formatQuantity, tryParseQuantity, type Quantity } from '../../model/quantity';
import { since } from '../duration';
import { arr, formatLabelSelector, num, rec, spec, status, str } from '../printers/helpers';
import { nodeRoles } from '../printers/core';
import { describeEvents, searchEvents } from './events';
import { describePodTemplate } from './pod';
import { LEVEL_0, LEVEL_1, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline, rfc1123z } from './writer';

function resourceList(w: PrefixWriter, title: string, list: unknown): void {
  const m = rec(list);
  w.write(LEVEL_0, `${title}:\n`);
  for (const k of Object.keys(m).sort()) w.write(LEVEL_1, `${k}:\t${canonicalQuantity(str(m[k]))}\n`);
}

/** Sum of the containers' requests and limits (resourcehelper.PodRequestsAndLimits, regular containers). */
function podTotals(pods: readonly KObject[]): { req: Record<string, bigint>; lim: Record<string, bigint> } {
  const req: Record<string, bigint> = {};
  const lim: Record<string, bigint> = {};
  for (const p of pods)
    for (const c of arr(rec(p.spec).containers).map(rec)) {
      const r = rec(c.resources);
      for (const [into, list] of [
        [req, rec(r.requests)],
        [lim, rec(r.limits)],
      ] as const)
        for (const [k, v] of Object.entries(list)) {
          const q = tryParseQuantity(str(v));
          if (q) into[k] = (into[k] ?? 0n) + q.nanos;
        }
    }
  return { req, lim };
}

function qty(nanos: bigint | undefined, format: 'DecimalSI' | 'BinarySI'): string {
  return formatQuantity({ nanos: nanos ?? 0n, format } as Quantity);
}

function percent(part: bigint | undefined, total: unknown): number {
  const t = tryParseQuantity(str(total));
  if (!part || !t || t.nanos === 0n) return 0;
  return Math.trunc((Number(part) / Number(t.nanos)) * 100);
}

export function describeNode(sim: Simulation, node: KObject): string {
  const w = new PrefixWriter();
  const sp = spec(node);
  const st = status(node);
  const now = sim.now();
  w.write(LEVEL_0, `Name:\t${node.metadata.name}\n`);
  w.write(LEVEL_0, `Roles:\t${nodeRoles(node).join(',') || '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', node.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  const taints = arr(sp.taints).map(rec);
  w.write(LEVEL_0, 'Taints:\t');
  if (!taints.length) w.writeLine('<none>');
  else
    taints
      .sort((a, b) => (`${str(a.effect)},${str(a.key)}` < `${str(b.effect)},${str(b.key)}` ? -1 : 1))
      .forEach((t, i) => {
        if (i !== 0) w.write(LEVEL_0, '\t');
        w.write(LEVEL_0, `${str(t.key)}${str(t.value) ? `=${str(t.value)}` : ''}:${str(t.effect)}\n`);
      });
  w.write(LEVEL_0, `Unschedulable:\t${sp.unschedulable === true}\n`);
  // The simulated API serves no coordination.k8s.io Leases; this is what kubectl prints then.
  w.write(LEVEL_0, 'Lease:\tFailed to get lease: the server could not find the requested resource\n');
  const conds = arr(st.conditions).map(rec);
  if (conds.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conds)
      w.write(
        LEVEL_1,
        `${str(c.type)} \t${str(c.status)} \t${rfc1123z(str(c.lastHeartbeatTime))} \t${rfc1123z(str(c.lastTransitionTime))} \t${str(c.reason)} \t${str(c.message)}\n`,
      );
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const a of arr(st.addresses).map(rec)) w.write(LEVEL_1, `${str(a.type)}:\t${str(a.address)}\n`);
  if (st.capacity) resourceList(w, 'Capacity', st.capacity);
  if (st.allocatable) resourceList(w, 'Allocatable', st.allocatable);
  const info = rec(st.nodeInfo);
  w.write(LEVEL_0, 'System Info:\n');
  w.write(LEVEL_0, `  Machine ID:\t${str(info.machineID)}\n`);
  w.write(LEVEL_0, `  System UUID:\t${str(info.systemUUID)}\n`);
  w.write(LEVEL_0, `  Boot ID:\t${str(info.bootID)}\n`);
  w.write(LEVEL_0, `  Kernel Version:\t${str(info.kernelVersion)}\n`);
  w.write(LEVEL_0, `  OS Image:\t${str(info.osImage)}\n`);
  w.write(LEVEL_0, `  Operating System:\t${str(info.operatingSystem)}\n`);
  w.write(LEVEL_0, `  Architecture:\t${str(info.architecture)}\n`);
  w.write(LEVEL_0, `  Container Runtime Version:\t${str(info.containerRuntimeVersion)}\n`);
  w.write(LEVEL_0, `  Kubelet Version:\t${str(info.kubeletVersion)}\n`);
  w.write(LEVEL_0, `  Kube-Proxy Version:\t${str(info.kubeProxyVersion)}\n`);
  if (str(sp.podCIDR)) w.write(LEVEL_0, `PodCIDR:\t${str(sp.podCIDR)}\n`);
  if (arr(sp.podCIDRs).length) w.write(LEVEL_0, `PodCIDRs:\t${arr(sp.podCIDRs).map(str).join(',')}\n`);
  if (str(sp.providerID)) w.write(LEVEL_0, `ProviderID:\t${str(sp.providerID)}\n`);
  const pods = [...sim.store.list('Pod')]
    .filter((p) => str(rec(p.spec).nodeName) === node.metadata.name && !['Succeeded', 'Failed'].includes(str(rec(p.status).phase)))
    .sort((a, b) => (`${a.metadata.namespace}/${a.metadata.name}` < `${b.metadata.namespace}/${b.metadata.name}` ? -1 : 1));
  const alloc = rec(st.allocatable);
  // describeNodeResource: note the empty column after Name, as upstream writes it.
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  for (const p of pods) {
    const { req, lim } = podTotals([p]);
    w.write(
      LEVEL_1,
      `${p.metadata.namespace}\t${p.metadata.name}\t\t${qty(req.cpu, 'DecimalSI')} (${percent(req.cpu, alloc.cpu)}%)\t${qty(lim.cpu, 'DecimalSI')} (${percent(lim.cpu, alloc.cpu)}%)\t${qty(req.memory, 'BinarySI')} (${percent(req.memory, alloc.memory)}%)\t${qty(lim.memory, 'BinarySI')} (${percent(lim.memory, alloc.memory)}%)\t${since(p.metadata.creationTimestamp, now)}\n`,
    );
  }
  const { req, lim } = podTotals(pods);
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  for (const [r, f] of [
    ['cpu', 'DecimalSI'],
    ['memory', 'BinarySI'],
    ['ephemeral-storage', 'BinarySI'],
  ] as const)
    w.write(LEVEL_1, `${r}\t${qty(req[r], f)} (${percent(req[r], alloc[r])}%)\t${qty(lim[r], f)} (${percent(lim[r], alloc[r])}%)\n`);
  describeEvents(w, searchEvents(sim, node), now);
  return w.toString();
}

function podsStatus(sim: Simulation, o: KObject): string {
  const owned = sim.store
    .list('Pod', o.metadata.namespace)
    .filter((p) => (p.metadata.ownerReferences ?? []).some((r) => r.uid === o.metadata.uid));
  const count = (ph: string) => owned.filter((p) => str(rec(p.status).phase) === ph).length;
  return `${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`;
}

export function describeDeployment(sim: Simulation, d: KObject): string {
  const w = new PrefixWriter();
  const sp = spec(d);
  const st = status(d);
  w.write(LEVEL_0, `Name:\t${d.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', d.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(sp.selector)}\n`);
  w.write(
    LEVEL_0,
    `Replicas:\t${num(sp.replicas)} desired | ${num(st.updatedReplicas)} updated | ${num(st.replicas)} total | ${num(st.availableReplicas)} available | ${num(st.unavailableReplicas)} unavailable\n`,
  );
  const strategy = rec(sp.strategy);
  w.write(LEVEL_0, `StrategyType:\t${str(strategy.type)}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${num(sp.minReadySeconds)}\n`);
  if (strategy.rollingUpdate) {
    const ru = rec(strategy.rollingUpdate);
    w.write(LEVEL_0, `RollingUpdateStrategy:\t${str(ru.maxUnavailable)} max unavailable, ${str(ru.maxSurge)} max surge\n`);
  }
  describePodTemplate(w, sp.template);
  const conds = arr(st.conditions).map(rec);
  if (conds.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(LEVEL_1, '----\t------\t------\n');
    for (const c of conds) w.write(LEVEL_1, `${str(c.type)} \t${str(c.status)}\t${str(c.reason)}\n`);
  }
  const rss = sim.store
    .list('ReplicaSet', d.metadata.namespace)
    .filter((r) => (r.metadata.ownerReferences ?? []).some((o) => o.uid === d.metadata.uid));
  const fmt = (r: KObject) => `${r.metadata.name} (${num(rec(r.status).replicas)}/${num(rec(r.spec).replicas)} replicas created)`;
  const rev = d.metadata.annotations?.['deployment.kubernetes.io/revision'];
  const newRs = rss.find((r) => r.metadata.annotations?.['deployment.kubernetes.io/revision'] === rev) ?? rss[0];
  const old = rss.filter((r) => r !== newRs && num(rec(r.spec).replicas) > 0);
  // describeDeployment prints the ReplicaSet lines only when the deployment has any.
  if (old.length || newRs) {
    w.write(LEVEL_0, `OldReplicaSets:\t${old.length ? old.map(fmt).join(', ') : '<none>'}\n`);
    w.write(LEVEL_0, `NewReplicaSet:\t${newRs ? fmt(newRs) : '<none>'}\n`);
  }
  describeEvents(w, searchEvents(sim, d), sim.now());
  return w.toString();
}

export function describeStatefulSet(sim: Simulation, s: KObject): string {
  const w = new PrefixWriter();
  const sp = spec(s);
  const st = status(s);
  w.write(LEVEL_0, `Name:\t${s.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${s.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(s.metadata.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(sp.selector)}\n`);
  printLabelsMultiline(w, 'Labels', s.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', s.metadata.annotations);
  w.write(LEVEL_0, `Replicas:\t${num(sp.replicas)} desired | ${num(st.replicas)} total\n`);
  const us = rec(sp.updateStrategy);
  w.write(LEVEL_0, `Update Strategy:\t${str(us.type)}\n`);
  if (us.rollingUpdate) {
    const ru = rec(us.rollingUpdate);
    if (ru.partition != null) w.write(LEVEL_1, `Partition:\t${num(ru.partition)}\n`);
  }
  w.write(LEVEL_0, `Pods Status:\t${podsStatus(sim, s)}\n`);
  describePodTemplate(w, sp.template);
  const vcts = arr(sp.volumeClaimTemplates).map(rec);
  if (!vcts.length) w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
  else {
    w.write(LEVEL_0, 'Volume Claims:\n');
    for (const t of vcts) {
      const md = rec(t.metadata);
      const ts = rec(t.spec);
      w.write(LEVEL_1, `Name:\t${str(md.name)}\n`);
      w.write(LEVEL_1, `StorageClass:\t${str(ts.storageClassName)}\n`);
      printLabelsMultiline(w, 'Labels', rec(md.labels) as Record<string, string>, '  ');
      printLabelsMultiline(w, 'Annotations', rec(md.annotations) as Record<string, string>, '  ');
      const cap = rec(rec(ts.resources).requests).storage;
      w.write(LEVEL_1, `Capacity:\t${cap !== undefined ? canonicalQuantity(str(cap)) : '<default>'}\n`);
      w.write(LEVEL_1, `Access Modes:\t[${arr(ts.accessModes).map(str).join(' ')}]\n`);
    }
  }
  describeEvents(w, searchEvents(sim, s), sim.now());
  return w.toString();
}

export function describeNamespace(sim: Simulation, ns: KObject): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${ns.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', ns.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ns.metadata.annotations);
  w.write(LEVEL_0, `Status:\t${str(status(ns).phase)}\n`);
  // A real cluster adds `No resource quota.` and `No LimitRange resource.`; the simulated API serves
  // neither kind, and kubectl skips both sections when it cannot list them.
  void sim;
  return w.toString();
}

export function describeReplicaSet(sim: Simulation, rs: KObject): string {
  const w = new PrefixWriter();
  const sp = spec(rs);
  w.write(LEVEL_0, `Name:\t${rs.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${rs.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(sp.selector)}\n`);
  printLabelsMultiline(w, 'Labels', rs.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations);
  const ctrl = (rs.metadata.ownerReferences ?? []).find((r) => r.controller);
  if (ctrl) w.write(LEVEL_0, `Controlled By:\t${ctrl.kind}/${ctrl.name}\n`);
  w.write(LEVEL_0, `Replicas:\t${num(status(rs).replicas)} current / ${num(sp.replicas)} desired\n`);
  w.write(LEVEL_0, 'Pods Status:\t');
  w.write(LEVEL_0, `${podsStatus(sim, rs)}\n`);
  describePodTemplate(w, sp.template);
  const conds = arr(status(rs).conditions).map(rec);
  if (conds.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(LEVEL_1, '----\t------\t------\n');
    for (const c of conds) w.write(LEVEL_1, `${str(c.type)} \t${str(c.status)}\t${str(c.reason)}\n`);
  }
  describeEvents(w, searchEvents(sim, rs), sim.now());
  return w.toString();
}
