// describe for ConfigMap and Secret (describeConfigMap / describeSecret): values of a ConfigMap, only the
// byte counts of a Secret. Go iterates the maps in random order; the keys are sorted here.
import type { KObject } from '../../model/types';
import type { Simulation } from '../../sim/simulation';
import { rec, str } from '../printers/helpers';
import { describeEvents, searchEvents } from './events';
import { LEVEL_0, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline } from './writer';

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
