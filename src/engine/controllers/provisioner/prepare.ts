// csi-provisioner's prepareProvision: everything checked and resolved before CreateVolume is sent —
// the fsType, the parameters passed through (csi.storage.k8s.io/ keys stripped), secret references,
// the data source (snapshot or clone) and the topology requirements. Errors are the upstream texts.
import type { KObject, PersistentVolumeClaim, StorageClass } from '../../model/types';
import type { StoreView } from '../../store/strategy';
import { parseQuantity, quantityValue } from '../../model/quantity';
import type { DriverSpec } from '../../storage/cluster-config';
import type { CreateVolumeRequest } from '../../storage/csi-controller';
import { accessibilityRequirements } from './topology';
import { isBlock } from './pv-builder';

const PREFIX = 'csi.storage.k8s.io/';
const FSTYPE_KEY = `${PREFIX}fstype`;
const KNOWN_PREFIXED = new Set(
  ['fstype', 'secret-name', 'secret-namespace']
    .concat(['provisioner', 'controller-publish', 'node-stage', 'node-publish', 'controller-expand', 'node-expand'].flatMap((s) => [`${s}-secret-name`, `${s}-secret-namespace`]))
    .map((k) => PREFIX + k),
);
/** secret kinds the PV's csi source can reference, with the class keys that name them */
const SECRET_REFS: readonly [string, string][] = [
  ['controllerPublishSecretRef', 'controller-publish'],
  ['nodeStageSecretRef', 'node-stage'],
  ['nodePublishSecretRef', 'node-publish'],
  ['controllerExpandSecretRef', 'controller-expand'],
  ['nodeExpandSecretRef', 'node-expand'],
];

type PVC = PersistentVolumeClaim & KObject;
type SC = StorageClass & KObject;

export interface Prepared {
  readonly req: CreateVolumeRequest;
  readonly fsType: string;
  readonly deletionSecret?: { name: string; namespace: string };
  readonly secretRefs: Record<string, { name: string; namespace: string }>;
}

export type PrepareResult = { readonly ok: true; readonly value: Prepared } | { readonly ok: false; readonly error: string };

export function prepareProvision(view: StoreView, driver: DriverSpec, pvc: PVC, sc: SC, pvName: string, selectedNode: string | undefined): PrepareResult {
  const err = (error: string): PrepareResult => ({ ok: false, error });
  if (pvc.spec?.selector) return err('claim Selector is not supported');
  const params = sc.parameters ?? {};
  let fsType = '';
  let found = 0;
  for (const [k, v] of Object.entries(params))
    if (k.toLowerCase() === 'fstype' || k === FSTYPE_KEY) {
      fsType = v;
      found++;
    }
  if (found > 1) return err(`fstype specified in parameters with both "fstype" and "${FSTYPE_KEY}" keys`);
  if (!fsType && driver.defaultFsType) fsType = driver.defaultFsType;

  let contentSource: CreateVolumeRequest['contentSource'];
  const ds = pvc.spec?.dataSource;
  if (ds) {
    if (!ds.name) return err(`the PVC source not found for PVC ${pvc.metadata.name}`);
    const src = dataSource(view, pvc, sc, ds.kind, ds.name);
    if ('error' in src) return err(`error getting handle for DataSource Type ${ds.kind} by Name ${ds.name}: ${src.error}`);
    contentSource = src;
  }

  const topology = accessibilityRequirements(view, driver, pvc, sc, selectedNode);
  if (!topology.ok) return err(`error generating accessibility requirements: ${topology.error}`);

  const tmpl = { pvName, pvcName: pvc.metadata.name, pvcNamespace: pvc.metadata.namespace ?? 'default' };
  const provSecret = secretRef(params, 'provisioner', tmpl);
  if (provSecret && !view.get('Secret', provSecret.namespace, provSecret.name))
    return err(`error getting secret ${provSecret.name} in namespace ${provSecret.namespace}: secrets "${provSecret.name}" not found`);
  const secretRefs: Record<string, { name: string; namespace: string }> = {};
  for (const [field, kind] of SECRET_REFS) {
    const ref = secretRef(params, kind, tmpl);
    if (ref) secretRefs[field] = ref;
  }

  const passed: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if (!k.startsWith(PREFIX)) passed[k] = v;
    else if (!KNOWN_PREFIXED.has(k))
      return err(`failed to strip CSI Parameters of prefixed keys: found unknown parameter key "${k}" with reserved namespace ${PREFIX}`);
  }
  const storage = pvc.spec?.resources?.requests?.storage;
  const required = storage === undefined ? 0 : quantityValue(parseQuantity(String(storage)));
  return {
    ok: true,
    value: {
      req: {
        name: pvName,
        requiredBytes: required,
        parameters: passed,
        fsType: isBlock(pvc) ? undefined : fsType || undefined,
        block: isBlock(pvc),
        accessibility: topology.value,
        contentSource,
      },
      fsType,
      deletionSecret: provSecret,
      secretRefs,
    },
  };
}

function dataSource(view: StoreView, pvc: PVC, sc: SC, kind: string, name: string): { snapshotId?: string; volumeId?: string } | { error: string } {
  const ns = pvc.metadata.namespace ?? 'default';
  if (kind === 'VolumeSnapshot') {
    const vs = view.get('VolumeSnapshot', ns, name);
    if (!vs) return { error: `error getting snapshot ${name} from api server: volumesnapshots.snapshot.storage.k8s.io "${name}" not found` };
    if (vs.metadata.deletionTimestamp) return { error: `snapshot ${name} is currently being deleted` };
    const status = (vs as { status?: { boundVolumeSnapshotContentName?: string; readyToUse?: boolean } }).status;
    const contentName = status?.boundVolumeSnapshotContentName;
    const content = contentName ? view.get('VolumeSnapshotContent', undefined, contentName) : undefined;
    if (!content) return { error: `snapshot ${name} not bound` };
    if (!status?.readyToUse) return { error: `snapshot ${name} is not Ready` };
    const handle = (content as { status?: { snapshotHandle?: string } }).status?.snapshotHandle;
    if (!handle) return { error: `snapshot handle ${name} is not available` };
    return { snapshotId: handle };
  }
  // kind PersistentVolumeClaim: a clone (getPVCSource)
  const src = view.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name);
  if (!src) return { error: `error getting PVC ${name} (namespace "${ns}") from api server: persistentvolumeclaims "${name}" not found` };
  if (src.status?.phase !== 'Bound') return { error: `the PVC DataSource ${name} must have a status of Bound.  Got ${JSON.stringify(src.status ?? {})}` };
  if (src.metadata.deletionTimestamp) return { error: `the PVC DataSource ${name} is currently being deleted` };
  const pv = src.spec?.volumeName ? view.get<{ spec?: { csi?: { driver?: string; volumeHandle?: string } } }>('PersistentVolume', undefined, src.spec.volumeName) : undefined;
  if (!pv?.spec?.csi || pv.spec.csi.driver !== sc.provisioner) return { error: 'claim in dataSource not bound or invalid' };
  return { volumeId: pv.spec.csi.volumeHandle };
}

/** getSecretReference: a class names a secret by `<kind>-secret-name`/`-namespace`, with ${pv.name} … templates. */
function secretRef(
  params: Record<string, string>,
  kind: string,
  t: { pvName: string; pvcName: string; pvcNamespace: string },
): { name: string; namespace: string } | undefined {
  const name = params[`${PREFIX}${kind}-secret-name`] ?? params[`${PREFIX}secret-name`];
  const namespace = params[`${PREFIX}${kind}-secret-namespace`] ?? params[`${PREFIX}secret-namespace`];
  if (name === undefined || namespace === undefined) return undefined;
  const fill = (s: string) => s.replace(/\$\{pv\.name\}/g, t.pvName).replace(/\$\{pvc\.name\}/g, t.pvcName).replace(/\$\{pvc\.namespace\}/g, t.pvcNamespace);
  return { name: fill(name), namespace: fill(namespace) };
}
