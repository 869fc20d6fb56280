// describe pod (describePod in pkg/describe/describe.go v1.32) and the pieces workloads reuse:
// containers with state/mounts, Conditions, Volumes, QoS Class, Tolerations, Events.
import type { KObject } from '../../model/types';
import type { Simulation } from '../../sim/simulation';
import { canonicalQuantity } from '../../model/quantity';
import { since } from '../duration';
import { arr, num, rec, spec, status, str, type Rec } from '../printers/helpers';
import { describeEvents, searchEvents } from './events';
import { describeVolumes } from './volumes';
import {
  LEVEL_0,
  LEVEL_1,
  LEVEL_2,
  LEVEL_3,
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
  rfc1123z,
} from './writer';

function describeState(w: PrefixWriter, name: string, state: Rec): void {
  if (state.running) {
    w.write(LEVEL_2, `${name}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(str(rec(state.running).startedAt))}\n`);
  } else if (state.waiting) {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
    if (str(rec(state.waiting).reason)) w.write(LEVEL_3, `Reason:\t${str(rec(state.waiting).reason)}\n`);
  } else if (state.terminated) {
    const t = rec(state.terminated);
    w.write(LEVEL_2, `${name}:\tTerminated\n`);
    if (str(t.reason)) w.write(LEVEL_3, `Reason:\t${str(t.reason)}\n`);
    if (str(t.message)) w.write(LEVEL_3, `Message:\t${str(t.message)}\n`);
    w.write(LEVEL_3, `Exit Code:\t${num(t.exitCode)}\n`);
    if (num(t.signal) > 0) w.write(LEVEL_3, `Signal:\t${num(t.signal)}\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(str(t.startedAt))}\n`);
    w.write(LEVEL_3, `Finished:\t${rfc1123z(str(t.finishedAt))}\n`);
  } else w.write(LEVEL_2, `${name}:\tWaiting\n`);
}

function describeResources(w: PrefixWriter, res: Rec, level: number): void {
  for (const [key, title] of [
    ['limits', 'Limits'],
    ['requests', 'Requests'],
  ] as const) {
    const m = rec(res[key]);
    const names = Object.keys(m).sort();
    if (names.length) w.write(level, `${title}:\n`);
    for (const n of names) w.write(level + 1, `${n}:\t${canonicalQuantity(str(m[n]))}\n`);
  }
}

export function describeContainers(w: PrefixWriter, label: string, containers: unknown, statuses: unknown, space: string): void {
  const cs = arr(containers).map(rec);
  const byName = new Map(arr(statuses).map(rec).map((s) => [str(s.name), s]));
  w.write(LEVEL_0, `${space}${label}:${cs.length ? '' : ' <none>'}\n`);
  for (const c of cs) {
    const st = byName.get(str(c.name));
    w.write(LEVEL_1, `${space ? ' ' : ''}${str(c.name)}:\n`);
    if (st) w.write(LEVEL_2, `Container ID:\t${str(st.containerID)}\n`);
    w.write(LEVEL_2, `Image:\t${str(c.image)}\n`);
    if (st) w.write(LEVEL_2, `Image ID:\t${str(st.imageID)}\n`);
    const ports = arr(c.ports).map(rec);
    const portStr = ports.map((p) => `${num(p.containerPort)}/${str(p.protocol)}`).join(', ');
    const hostStr = ports.map((p) => `${num(p.hostPort)}/${str(p.protocol)}`).join(', ');
    if (portStr.includes(',')) w.write(LEVEL_2, `Ports:\t${portStr}\n`);
    else w.write(LEVEL_2, `Port:\t${portStr || '<none>'}\n`);
    if (hostStr.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostStr}\n`);
    else w.write(LEVEL_2, `Host Port:\t${hostStr || '<none>'}\n`);
    for (const [key, title] of [
      ['command', 'Command'],
      ['args', 'Args'],
    ] as const) {
      const v = arr(c[key]).map(str);
      if (!v.length) continue;
      w.write(LEVEL_2, `${title}:\n`);
      for (const x of v) for (const s of x.split('\n')) w.write(LEVEL_3, `${s}\n`);
    }
    if (st) {
      describeState(w, 'State', rec(st.state));
      if (rec(st.lastState).terminated) describeState(w, 'Last State', rec(st.lastState));
      w.write(LEVEL_2, `Ready:\t${st.ready === true ? 'True' : 'False'}\n`);
      w.write(LEVEL_2, `Restart Count:\t${num(st.restartCount)}\n`);
    }
    describeResources(w, rec(c.resources), LEVEL_2);
    const env = arr(c.env).map(rec);
    w.write(LEVEL_2, `Environment:${env.length ? '' : '\t<none>'}\n`);
    for (const e of env) {
      const vf = e.valueFrom ? rec(e.valueFrom) : undefined;
      if (!vf) {
        str(e.value)
          .split('\n')
          .forEach((s, i) => w.write(LEVEL_3, i === 0 ? `${str(e.name)}:\t${s}\n` : `\t${s}\n`));
      } else if (vf.secretKeyRef) {
        const r = rec(vf.secretKeyRef);
        w.write(LEVEL_3, `${str(e.name)}:\t<set to the key '${str(r.key)}' in secret '${str(r.name)}'>\tOptional: ${r.optional === true}\n`);
      } else if (vf.configMapKeyRef) {
        const r = rec(vf.configMapKeyRef);
        w.write(LEVEL_3, `${str(e.name)}:\t<set to the key '${str(r.key)}' of config map '${str(r.name)}'>\tOptional: ${r.optional === true}\n`);
      } else if (vf.fieldRef) {
        const r = rec(vf.fieldRef);
        w.write(LEVEL_3, `${str(e.name)}:\t (${str(r.apiVersion)}:${str(r.fieldPath)})\n`);
      }
    }
    const mounts = arr(c.volumeMounts)
      .map(rec)
      .sort((a, b) => (str(a.mountPath) < str(b.mountPath) ? -1 : str(a.mountPath) > str(b.mountPath) ? 1 : 0));
    w.write(LEVEL_2, `Mounts:${mounts.length ? '' : '\t<none>'}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly === true ? 'ro' : 'rw'];
      if (str(m.subPath)) flags.push(`path=${JSON.stringify(str(m.subPath))}`);
      w.write(LEVEL_3, `${str(m.mountPath)} from ${str(m.name)} (${flags.join(',')})\n`);
    }
    const devices = arr(c.volumeDevices).map(rec);
    if (devices.length) {
      w.write(LEVEL_2, 'Devices:\n');
      for (const d of devices) w.write(LEVEL_3, `${str(d.devicePath)} from ${str(d.name)}\n`);
    }
  }
}

/** qos.GetPodQOS, reduced to cpu/memory requests and limits of regular containers. */
export function podQOS(pod: KObject): string {
  const cs = [...arr(spec(pod).containers), ...arr(spec(pod).initContainers)].map(rec);
  let any = false;
  let guaranteed = true;
  for (const c of cs) {
    const res = rec(c.resources);
    const req = rec(res.requests);
    const lim = rec(res.limits);
    for (const r of ['cpu', 'memory']) {
      if (req[r] !== undefined || lim[r] !== undefined) any = true;
      if (lim[r] === undefined || (req[r] !== undefined && canonicalQuantity(str(req[r])) !== canonicalQuantity(str(lim[r])))) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export function printTolerations(w: PrefixWriter, title: string, tolerations: unknown, initialIndent = ''): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`);
  const ts = arr(tolerations).map(rec);
  if (!ts.length) {
    w.writeLine('<none>');
    return;
  }
  [...ts]
    .sort((a, b) => (str(a.key) < str(b.key) ? -1 : str(a.key) > str(b.key) ? 1 : 0))
    .forEach((t, i) => {
      if (i !== 0) w.write(LEVEL_0, `${initialIndent}\t`);
      let s = str(t.key);
      if (str(t.value)) s += `=${str(t.value)}`;
      if (str(t.effect)) s += `:${str(t.effect)}`;
      if (t.operator === 'Exists' && !str(t.value)) s += str(t.key) || str(t.effect) ? ' op=Exists' : 'op=Exists';
      if (t.tolerationSeconds != null) s += ` for ${num(t.tolerationSeconds)}s`;
      w.write(LEVEL_0, `${s}\n`);
    });
}

export function describePod(sim: Simulation, pod: KObject): string {
  const w = new PrefixWriter();
  const sp = spec(pod);
  const st = status(pod);
  const now = sim.now();
  w.write(LEVEL_0, `Name:\t${pod.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${pod.metadata.namespace ?? ''}\n`);
  if (sp.priority != null) w.write(LEVEL_0, `Priority:\t${num(sp.priority)}\n`);
  if (str(sp.priorityClassName)) w.write(LEVEL_0, `Priority Class Name:\t${str(sp.priorityClassName)}\n`);
  if (str(sp.serviceAccountName)) w.write(LEVEL_0, `Service Account:\t${str(sp.serviceAccountName)}\n`);
  if (!str(sp.nodeName)) w.write(LEVEL_0, 'Node:\t<none>\n');
  else w.write(LEVEL_0, `Node:\t${str(sp.nodeName)}/${str(st.hostIP)}\n`);
  if (st.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(str(st.startTime))}\n`);
  printLabelsMultiline(w, 'Labels', pod.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pod.metadata.annotations);
  const phase = str(st.phase);
  if (pod.metadata.deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded') {
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(pod.metadata.deletionTimestamp, now)})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else w.write(LEVEL_0, `Status:\t${phase}\n`);
  if (str(st.reason)) w.write(LEVEL_0, `Reason:\t${str(st.reason)}\n`);
  if (str(st.message)) w.write(LEVEL_0, `Message:\t${str(st.message)}\n`);
  w.write(LEVEL_0, `IP:\t${str(st.podIP)}\n`);
  const ips = arr(st.podIPs).map(rec);
  if (!ips.length) w.write(LEVEL_0, 'IPs:\t<none>\n');
  else {
    w.write(LEVEL_0, 'IPs:\n');
    for (const ip of ips) w.write(LEVEL_1, `IP:\t${str(ip.ip)}\n`);
  }
  const ctrl = (pod.metadata.ownerReferences ?? []).find((r) => r.controller);
  if (ctrl) w.write(LEVEL_0, `Controlled By:\t${ctrl.kind}/${ctrl.name}\n`);
  if (str(st.nominatedNodeName)) w.write(LEVEL_0, `NominatedNodeName:\t${str(st.nominatedNodeName)}\n`);
  if (arr(sp.initContainers).length) describeContainers(w, 'Init Containers', sp.initContainers, st.initContainerStatuses, '');
  describeContainers(w, 'Containers', sp.containers, st.containerStatuses, '');
  const conds = arr(st.conditions).map(rec);
  if (conds.length) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conds) w.write(LEVEL_1, `${str(c.type)} \t${str(c.status)} \n`);
  }
  describeVolumes(w, sp.volumes);
  w.write(LEVEL_0, `QoS Class:\t${str(st.qosClass) || podQOS(pod)}\n`);
  printLabelsMultiline(w, 'Node-Selectors', rec(sp.nodeSelector) as Record<string, string>);
  printTolerations(w, 'Tolerations', sp.tolerations);
  describeEvents(w, searchEvents(sim, pod, false), now);
  return w.toString();
}

/** DescribePodTemplate */
export function describePodTemplate(w: PrefixWriter, template: unknown): void {
  const t = rec(template);
  const ts = rec(t.spec);
  w.write(LEVEL_0, 'Pod Template:\n');
  printLabelsMultiline(w, '  Labels', rec(rec(t.metadata).labels) as Record<string, string>);
  const ann = rec(rec(t.metadata).annotations) as Record<string, string>;
  if (Object.keys(ann).length) printAnnotationsMultiline(w, '  Annotations', ann);
  if (str(ts.serviceAccountName)) w.write(LEVEL_1, `Service Account:\t${str(ts.serviceAccountName)}\n`);
  if (arr(ts.initContainers).length) describeContainers(w, 'Init Containers', ts.initContainers, [], '  ');
  describeContainers(w, 'Containers', ts.containers, [], '  ');
  describeVolumes(w, ts.volumes, '  ');
  if (str(ts.priorityClassName)) w.write(LEVEL_1, `Priority Class Name:\t${str(ts.priorityClassName)}\n`);
  printLabelsMultiline(w, '  Node-Selectors', rec(ts.nodeSelector) as Record<string, string>);
  printTolerations(w, '  Tolerations', ts.tolerations);
}
