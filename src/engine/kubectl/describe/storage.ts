// describe for PersistentVolume, PersistentVolumeClaim, StorageClass and VolumeAttachment, in the field
// order of pkg/describe/describe.go (v1.32).
import type { KObject } from '../../model/types';
import type { Simulation } from '../../sim/simulation';
import { since } from '../duration';
import { accessModesString, arr, formatLabels, isDefaultClass, pvClass, pvcClass, quantityString, rec, spec, status, str } from '../printers/helpers';
import { describeEvents, searchEvents } from './events';
import { printVolumeSource } from './volumes';
import {
  LEVEL_0,
  LEVEL_1,
  LEVEL_2,
  LEVEL_3,
  PrefixWriter,
  goList,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printNamesMultiline,
  rfc1123z,
} from './writer';

function printVolumeNodeAffinity(w: PrefixWriter, affinity: unknown): void {
  w.write(LEVEL_0, 'Node Affinity:\t');
  const req = affinity ? rec(affinity).required : undefined;
  if (!req) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  w.write(LEVEL_1, 'Required Terms:\t');
  const terms = arr(rec(req).nodeSelectorTerms).map(rec);
  if (!terms.length) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  terms.forEach((term, i) => {
    w.write(LEVEL_2, `Term ${i}:\t`);
    const exprs = arr(term.matchExpressions).map(rec);
    if (!exprs.length) {
      w.writeLine('<none>');
      return;
    }
    exprs.forEach((e, j) => {
      if (j !== 0) w.write(LEVEL_2, '\t');
      let s = `${str(e.key)} ${str(e.operator).toLowerCase()}`;
      const vals = arr(e.values).map(str);
      if (vals.length) s = `${s} [${vals.join(', ')}]`;
      w.write(LEVEL_0, `${s}\n`);
    });
  });
}

export function describePersistentVolume(sim: Simulation, pv: KObject): string {
  const w = new PrefixWriter();
  const sp = spec(pv);
  const now = sim.now();
  w.write(LEVEL_0, `Name:\t${pv.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', pv.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pv.metadata.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goList(pv.metadata.finalizers)}\n`);
  w.write(LEVEL_0, `StorageClass:\t${pvClass(pv)}\n`);
  if (pv.metadata.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(pv.metadata.deletionTimestamp, now)})\n`);
  else w.write(LEVEL_0, `Status:\t${str(status(pv).phase)}\n`);
  const cr = sp.claimRef ? rec(sp.claimRef) : undefined;
  w.write(LEVEL_0, `Claim:\t${cr ? `${str(cr.namespace)}/${str(cr.name)}` : ''}\n`);
  w.write(LEVEL_0, `Reclaim Policy:\t${str(sp.persistentVolumeReclaimPolicy)}\n`);
  w.write(LEVEL_0, `Access Modes:\t${accessModesString(sp.accessModes)}\n`);
  if (sp.volumeMode != null) w.write(LEVEL_0, `VolumeMode:\t${str(sp.volumeMode)}\n`);
  w.write(LEVEL_0, `Capacity:\t${quantityString(sp.capacity, 'storage')}\n`);
  printVolumeNodeAffinity(w, sp.nodeAffinity);
  w.write(LEVEL_0, `Message:\t${str(status(pv).message)}\n`);
  w.write(LEVEL_0, 'Source:\n');
  if (!printVolumeSource(w, sp, true)) w.write(LEVEL_1, '<unknown>\n');
  describeEvents(w, searchEvents(sim, pv), now);
  return w.toString();
}

/** getPodsForPVC: pods in the namespace with a volume claiming it, then pods owning it (ephemeral). */
export function podsForPvc(sim: Simulation, pvc: KObject): string[] {
  const pods = sim.store.list('Pod', pvc.metadata.namespace);
  const names: string[] = [];
  for (const p of pods)
    for (const v of arr(rec(p.spec).volumes).map(rec))
      if (v.persistentVolumeClaim && str(rec(v.persistentVolumeClaim).claimName) === pvc.metadata.name) names.push(p.metadata.name);
  for (const ref of pvc.metadata.ownerReferences ?? []) {
    if (ref.kind !== 'Pod') continue;
    const p = pods.find((x) => x.metadata.uid === ref.uid);
    if (p && !names.includes(p.metadata.name)) names.push(p.metadata.name);
  }
  return names;
}

export function describePersistentVolumeClaim(sim: Simulation, pvc: KObject): string {
  const w = new PrefixWriter();
  const sp = spec(pvc);
  const st = status(pvc);
  const now = sim.now();
  w.write(LEVEL_0, `Name:\t${pvc.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${pvc.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `StorageClass:\t${pvcClass(pvc)}\n`);
  if (pvc.metadata.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(pvc.metadata.deletionTimestamp, now)})\n`);
  else w.write(LEVEL_0, `Status:\t${str(st.phase)}\n`);
  w.write(LEVEL_0, `Volume:\t${str(sp.volumeName)}\n`);
  printLabelsMultiline(w, 'Labels', pvc.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pvc.metadata.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goList(pvc.metadata.finalizers)}\n`);
  const bound = str(sp.volumeName) !== '';
  w.write(LEVEL_0, `Capacity:\t${bound ? quantityString(st.capacity, 'storage') : ''}\n`);
  w.write(LEVEL_0, `Access Modes:\t${bound ? accessModesString(st.accessModes) : ''}\n`);
  if (sp.volumeMode != null) w.write(LEVEL_0, `VolumeMode:\t${str(sp.volumeMode)}\n`);
  if (sp.dataSource) {
    const ds = rec(sp.dataSource);
    w.write(LEVEL_0, 'DataSource:\n');
    if (ds.apiGroup != null) w.write(LEVEL_1, `APIGroup:\t${str(ds.apiGroup)}\n`);
    w.write(LEVEL_1, `Kind:\t${str(ds.kind)}\n`);
    w.write(LEVEL_1, `Name:\t${str(ds.name)}\n`);
  }
  printNamesMultiline(w, 'Used By', podsForPvc(sim, pvc));
  const conds = arr(st.conditions).map(rec);
  if (conds.length) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conds)
      w.write(
        LEVEL_1,
        `${str(c.type)} \t${str(c.status)} \t${rfc1123z(str(c.lastProbeTime))} \t${rfc1123z(str(c.lastTransitionTime))} \t${str(c.reason)} \t${str(c.message)}\n`,
      );
  }
  describeEvents(w, searchEvents(sim, pvc), now);
  return w.toString();
}

function printBoolPtr(v: unknown): string {
  return v === true ? 'True' : v === false ? 'False' : '<unset>';
}

export function describeStorageClass(sim: Simulation, sc: KObject): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${sc.metadata.name}\n`);
  w.write(LEVEL_0, `IsDefaultClass:\t${isDefaultClass(sc) ? 'Yes' : 'No'}\n`);
  w.write(LEVEL_0, `Annotations:\t${formatLabels(sc.metadata.annotations)}\n`);
  w.write(LEVEL_0, `Provisioner:\t${str(sc.provisioner)}\n`);
  w.write(LEVEL_0, `Parameters:\t${formatLabels(rec(sc.parameters) as Record<string, string>)}\n`);
  w.write(LEVEL_0, `AllowVolumeExpansion:\t${printBoolPtr(sc.allowVolumeExpansion)}\n`);
  const mo = arr(sc.mountOptions).map(str);
  if (!mo.length) w.write(LEVEL_0, 'MountOptions:\t<none>\n');
  else {
    w.write(LEVEL_0, 'MountOptions:\n');
    for (const o of mo) w.write(LEVEL_1, `${o}\n`);
  }
  if (sc.reclaimPolicy != null) w.write(LEVEL_0, `ReclaimPolicy:\t${str(sc.reclaimPolicy)}\n`);
  if (sc.volumeBindingMode != null) w.write(LEVEL_0, `VolumeBindingMode:\t${str(sc.volumeBindingMode)}\n`);
  if (sc.allowedTopologies != null) {
    w.write(LEVEL_0, 'AllowedTopologies:\t');
    const terms = arr(sc.allowedTopologies).map(rec);
    if (!terms.length) w.writeLine('<none>');
    else {
      w.writeLine('');
      terms.forEach((t, i) => {
        w.write(LEVEL_1, `Term ${i}:\t`);
        const reqs = arr(t.matchLabelExpressions).map(rec);
        if (!reqs.length) {
          w.writeLine('<none>');
          return;
        }
        reqs.forEach((r, j) => {
          if (j !== 0) w.write(LEVEL_1, '\t');
          let s = `${str(r.key)} in`;
          const vals = arr(r.values).map(str);
          if (vals.length) s = `${s} [${vals.join(', ')}]`;
          w.write(LEVEL_0, `${s}\n`);
        });
      });
    }
  }
  describeEvents(w, searchEvents(sim, sc), sim.now());
  return w.toString();
}

export function describeCSINode(sim: Simulation, csi: KObject): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${csi.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', csi.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', csi.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(csi.metadata.creationTimestamp)}\n`);
  w.write(LEVEL_0, 'Spec:\n');
  const drivers = spec(csi).drivers;
  if (drivers != null) {
    w.write(LEVEL_1, 'Drivers:\n');
    for (const d of arr(drivers).map(rec)) {
      w.write(LEVEL_2, `${str(d.name)}:\n`);
      w.write(LEVEL_3, `Node ID:\t${str(d.nodeID)}\n`);
      const count = rec(d.allocatable).count;
      if (count != null) {
        w.write(LEVEL_3, 'Allocatables:\n');
        w.write(4, `Count:\t${String(count)}\n`);
      }
      if (d.topologyKeys != null) w.write(LEVEL_3, `Topology Keys:\t${goList(arr(d.topologyKeys).map(str))}\n`);
    }
  }
  describeEvents(w, searchEvents(sim, csi), sim.now());
  return w.toString();
}
