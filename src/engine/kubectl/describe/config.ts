// describe for ConfigMap and Secret (describeConfigMap / describeSecret): values of a ConfigMap, only the
// byte counts of a Secret. Go iterates the maps in random order; the keys are sorted here.
import type { KObject } from '../../model/types';
import type { Simulation } from '../../sim/simulation';
import { rec, str } from '../printers/helpers';
import { describeEvents, searchEvents } from './events';
import { LEVEL_0, PrefixWriter, formatLabels, printAnnotationsMultiline, printLabelsMultiline } from './writer';

export function describeConfigMap(sim: Simulation, cm: KObject): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${cm.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${cm.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', cm.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', cm.metadata.annotations);
  w.write(LEVEL_0, '\nData\n====\n');
  const data = rec(cm.data);
  for (const k of Object.keys(data).sort()) {
    w.write(LEVEL_0, `${k}:\n----\n`);
    w.write(LEVEL_0, `${str(data[k])}\n`);
    w.write(LEVEL_0, '\n');
  }
  w.write(LEVEL_0, '\nBinaryData\n====\n');
  const bin = rec(cm.binaryData);
  for (const k of Object.keys(bin).sort()) w.write(LEVEL_0, `${k}: ${decodedLength(str(bin[k]))} bytes\n`);
  w.write(LEVEL_0, '\n');
  describeEvents(w, searchEvents(sim, cm), sim.now());
  return w.toString();
}

function decodedLength(b64: string): number {
  const clean = b64.replace(/\s/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - pad;
}

export function describeSecret(secret: KObject): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${secret.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${secret.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', secret.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', secret.metadata.annotations);
  w.write(LEVEL_0, `\nType:\t${str(secret.type)}\n`);
  w.write(LEVEL_0, '\nData\n====\n');
  const data = rec(secret.data);
  for (const k of Object.keys(data).sort()) {
    if (k === 'token' && secret.type === 'kubernetes.io/service-account-token') w.write(LEVEL_0, `${k}:\t${atob(str(data[k]))}\n`);
    else w.write(LEVEL_0, `${k}:\t${decodedLength(str(data[k]))} bytes\n`);
  }
  return w.toString();
}

export function describeServiceAccount(sim: Simulation, sa: KObject): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${sa.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${sa.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', sa.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', sa.metadata.annotations);
  // upstream pads the headers itself, then sorts them
  const names = (v: unknown) => (Array.isArray(v) ? v.map((x) => str(rec(x).name)) : []);
  const types: [string, string[]][] = [
    ['Image pull secrets:', names(sa.imagePullSecrets)],
    ['Mountable secrets: ', names(sa.secrets)],
    ['Tokens:            ', []],
  ];
  for (const [header, list] of types) {
    if (!list.length) w.write(LEVEL_0, `${header}\t<none>\n`);
    else list.forEach((n, i) => w.write(LEVEL_0, `${i === 0 ? header : '                   '}\t${n}\n`));
  }
  describeEvents(w, searchEvents(sim, sa), sim.now());
  return w.toString();
}

export function describeService(sim: Simulation, svc: KObject): string {
  const w = new PrefixWriter();
  const sp = rec(svc.spec);
  w.write(LEVEL_0, `Name:\t${svc.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${svc.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', svc.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', svc.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${formatLabels(rec(sp.selector) as Record<string, string>)}\n`);
  w.write(LEVEL_0, `Type:\t${str(sp.type)}\n`);
  if (sp.ipFamilyPolicy != null) w.write(LEVEL_0, `IP Family Policy:\t${str(sp.ipFamilyPolicy)}\n`);
  const fams = Array.isArray(sp.ipFamilies) ? sp.ipFamilies.map(str) : [];
  w.write(LEVEL_0, `IP Families:\t${fams.length ? fams.join(',') : '<none>'}\n`);
  w.write(LEVEL_0, `IP:\t${str(sp.clusterIP)}\n`);
  const ips = Array.isArray(sp.clusterIPs) ? sp.clusterIPs.map(str) : [];
  w.write(LEVEL_0, `IPs:\t${ips.length ? ips.join(',') : '<none>'}\n`);
  const ext = Array.isArray(sp.externalIPs) ? sp.externalIPs.map(str) : [];
  if (ext.length) w.write(LEVEL_0, `External IPs:\t${ext.join(',')}\n`);
  if (str(sp.loadBalancerIP)) w.write(LEVEL_0, `IP:\t${str(sp.loadBalancerIP)}\n`);
  if (str(sp.externalName)) w.write(LEVEL_0, `External Name:\t${str(sp.externalName)}\n`);
  for (const p of (Array.isArray(sp.ports) ? sp.ports : []).map(rec)) {
    const name = str(p.name) || '<unset>';
    w.write(LEVEL_0, `Port:\t${name}\t${String(p.port)}/${str(p.protocol)}\n`);
    w.write(LEVEL_0, `TargetPort:\t${String(p.targetPort ?? p.port)}/${str(p.protocol)}\n`);
    if (p.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${String(p.nodePort)}/${str(p.protocol)}\n`);
    // the simulation keeps no EndpointSlices
    w.write(LEVEL_0, 'Endpoints:\t<none>\n');
  }
  w.write(LEVEL_0, `Session Affinity:\t${str(sp.sessionAffinity)}\n`);
  if (str(sp.externalTrafficPolicy)) w.write(LEVEL_0, `External Traffic Policy:\t${str(sp.externalTrafficPolicy)}\n`);
  if (sp.internalTrafficPolicy != null) w.write(LEVEL_0, `Internal Traffic Policy:\t${str(sp.internalTrafficPolicy)}\n`);
  describeEvents(w, searchEvents(sim, svc), sim.now());
  return w.toString();
}
