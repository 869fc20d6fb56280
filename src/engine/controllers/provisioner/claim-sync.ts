// The claim side of an external provisioner (sig-storage-lib-external-provisioner syncClaim /
// provisionClaimOperation with csi-provisioner's Provision, or minikube's hostpath Provision):
// decide whether this provisioner should provision a claim, announce it, call CreateVolume (which takes
// virtual time), then create the PV pre-bound to the claim — or report the failure and retry with backoff.
import type { KObject, PersistentVolumeClaim, StorageClass } from '../../model/types';
import { objectKey } from '../../model/kinds';
import { mkdirp } from '../../fs/tree';
import { createVolume, type CsiError } from '../../storage/csi-controller';
import { ensureNodeRootFs, nodeRootAssetId } from '../../storage/locate';
import { isCsiDriver, type DriverSpec } from '../../storage/cluster-config';
import type { Intent, ReconcileContext } from '../types';
import { buildCsiPv, buildHostPathPv, claimClass, isBlock } from './pv-builder';
import { prepareProvision } from './prepare';
import { CSI_RETRY_MAX_MS, identityOf, latency, retryDelay, type ClaimOp, type ProvisionerState } from './state';

export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const CSI_PROVISIONER = 'csi-provisioner';

type PVC = PersistentVolumeClaim & KObject;
type SC = StorageClass & KObject;

export function syncClaim(key: string, ns: string, name: string, ctx: ReconcileContext, st: ProvisionerState): Intent[] {
  const pvc = ctx.view.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name);
  let uid = pvc?.metadata.uid;
  let op = uid ? st.claims.get(uid) : undefined;
  if (!op) {
    // A claim deleted (or recreated) while its CreateVolume was in flight: the call still completes and
    // its PV is still created (claimsInProgress keeps the old claim), then the PV controller reclaims it.
    for (const [u, o] of st.claims)
      if (o.key === key && o.phase === 'creating') {
        uid = u;
        op = o;
        break;
      }
  }
  if (op?.phase === 'creating') {
    if (ctx.now < op.doneAt) return [];
    const intents = finishCreate(uid!, op, pvc, ctx, st);
    // A new claim of the same name waited behind the old one's call: look at it now.
    if (pvc && pvc.metadata.uid !== uid) intents.push({ type: 'requeue', key, afterMs: 0 });
    return intents;
  }
  if (!pvc) {
    for (const [u, o] of st.claims) if (o.key === key) st.claims.delete(u);
    return [];
  }
  if (op?.phase === 'backoff' && ctx.now < op.retryAt) return [];
  return startProvision(key, pvc, op?.failures ?? 0, ctx, st);
}

/** shouldProvision, then the first half of provisionClaimOperation (up to sending CreateVolume). */
function startProvision(key: string, pvc: PVC, failures: number, ctx: ReconcileContext, st: ProvisionerState): Intent[] {
  const uid = pvc.metadata.uid!;
  const done = (intents: Intent[] = []) => (st.claims.delete(uid), intents);
  if (pvc.spec?.volumeName) return done();
  const ann = pvc.metadata.annotations ?? {};
  const provisioner = ann[ANN_STORAGE_PROVISIONER] ?? ann[ANN_BETA_STORAGE_PROVISIONER];
  const driver = ctx.cluster.drivers.find((d) => d.provisions && d.name === provisioner);
  if (!driver) return done();
  const sc = ctx.view.get<StorageClass>('StorageClass', undefined, claimClass(pvc));
  // shouldProvision fails without its class: retried with backoff, no event (the class may be created later).
  if (!sc) return backoff(key, uid, failures + 1, driver, ctx, st, []);
  const selected = ann[ANN_SELECTED_NODE];
  // WaitForFirstConsumer: nothing happens until the scheduler has picked a node for the claim's pod.
  if (sc.volumeBindingMode === 'WaitForFirstConsumer' && !selected) return done();
  const pvName = `pvc-${uid}`;
  if (ctx.view.get('PersistentVolume', undefined, pvName)) return done();
  const source = { component: identityOf(st, driver, ctx).component };
  const event = (type: 'Normal' | 'Warning', reason: string, message: string): Intent => ({ type: 'event', involved: pvc, eventType: type, reason, message, source });
  if (isBlock(pvc) && !isCsiDriver(driver)) return done([event('Warning', 'ProvisioningFailed', `${driver.name} does not support block volume provisioning`)]);
  if (sc.provisioner !== driver.name) return done();
  if (selected && !ctx.view.get('Node', undefined, selected))
    // The node went away: give the claim back to the scheduler (provisionVolumeErrorHandling, Reschedule).
    return done([event('Warning', 'ProvisioningFailed', `nodes "${selected}" not found`), unselectNode(pvc)]);
  const announce = event('Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${pvc.metadata.namespace}/${pvc.metadata.name}"`);
  let prepared;
  if (isCsiDriver(driver)) {
    const r = prepareProvision(ctx.view, driver, pvc, sc, pvName, selected);
    if (!r.ok) return backoff(key, uid, failures + 1, driver, ctx, st, [announce, event('Warning', 'ProvisioningFailed', r.error)]);
    prepared = r.value;
  }
  const ms = latency(ctx, driver.latency.createVolume);
  st.claims.set(uid, { phase: 'creating', key, doneAt: ctx.now + ms, claim: structuredClone(pvc), sc: structuredClone(sc), prepared, failures });
  const intents: Intent[] = [announce];
  // The call starts now and takes `ms`; whether the cloud accepts it is only known when it answers
  // (finishCreate emits a second, instantaneous trace then if it failed).
  if (prepared)
    intents.push({
      type: 'trace',
      trace: { from: CSI_PROVISIONER, to: `csi-controller/${driver.name}`, call: 'CreateVolume', objects: [objectKey('PersistentVolumeClaim', pvc.metadata.namespace, pvc.metadata.name), objectKey('PersistentVolume', undefined, pvName)], ok: true, detail: pvName, durationMs: ms },
    });
  return [...intents, { type: 'requeue', key, afterMs: ms }];
}

/** CreateVolume has answered: create the PV, or report the error and decide how to retry. */
function finishCreate(uid: string, op: Extract<ClaimOp, { phase: 'creating' }>, current: PVC | undefined, ctx: ReconcileContext, st: ProvisionerState): Intent[] {
  const claim = op.claim as PVC;
  const sc = op.sc as SC;
  const driver = ctx.cluster.drivers.find((d) => d.name === sc.provisioner)!;
  const id = identityOf(st, driver, ctx);
  const source = { component: id.component };
  const pvName = `pvc-${uid}`;
  const objects = [objectKey('PersistentVolumeClaim', claim.metadata.namespace, claim.metadata.name), objectKey('PersistentVolume', undefined, pvName)];
  const live = current && current.metadata.uid === uid ? current : undefined;
  st.claims.delete(uid);
  let pv: KObject;
  const intents: Intent[] = [];
  if (isCsiDriver(driver)) {
    const res = createVolume(ctx.backends, ctx.cluster, driver, op.prepared!.req, ctx.now, ctx.rng);
    // the call was traced when it started (startCreate); a failure shows where it ends
    if (!res.ok)
      return [
        { type: 'trace', trace: { from: CSI_PROVISIONER, to: `csi-controller/${driver.name}`, call: 'CreateVolume', objects, ok: false, detail: res.error.message, durationMs: 0 } },
        ...createFailed(op, claim, live, res.error, driver, ctx, st, source),
      ];
    pv = buildCsiPv({
      pvc: claim,
      sc,
      driver: driver.name,
      pvName,
      volume: res.value,
      fsType: op.prepared!.fsType,
      csiIdentity: id.csiIdentity,
      deletionSecret: op.prepared!.deletionSecret,
      secretRefs: op.prepared!.secretRefs,
      addFinalizer: true,
    });
  } else {
    // minikube: os.MkdirAll(<dir>/<namespace>/<claim>, 0777) on the node the provisioner runs on. A claim
    // re-created with the same name finds the old directory — and whatever a Retain policy left in it.
    const path = `${driver.hostPathDir}/${claim.metadata.namespace}/${claim.metadata.name}`;
    const nodeName = driver.hostPathNode ?? ctx.cluster.nodes[0]?.name;
    const node = ctx.cluster.nodes.find((n) => n.name === nodeName) ?? { name: nodeName, labels: {} };
    const root = (ctx.backends.get(nodeRootAssetId(nodeName)) ?? ensureNodeRootFs(ctx.backends, node, ctx.now)).root;
    const dir = mkdirp(root, path, ctx.now);
    if (dir) dir.mode = 0o777;
    intents.push({ type: 'trace', trace: { from: driver.name, to: `node/${nodeName}`, call: 'Provision', objects, ok: !!dir, detail: path } });
    pv = buildHostPathPv({ pvc: claim, sc, provisioner: driver.name, pvName, path, identity: id.hostPathIdentity });
  }
  intents.push({ type: 'create', obj: pv });
  // sendSuccessEvent looks the claim up by UID: a claim deleted meanwhile gets no event.
  if (live) intents.push({ type: 'event', involved: live, eventType: 'Normal', reason: 'ProvisioningSucceeded', message: `Successfully provisioned volume ${pvName}`, source });
  return intents;
}

function createFailed(
  op: Extract<ClaimOp, { phase: 'creating' }>,
  claim: PVC,
  live: PVC | undefined,
  error: CsiError,
  driver: DriverSpec,
  ctx: ReconcileContext,
  st: ProvisionerState,
  source: { component: string },
): Intent[] {
  const uid = claim.metadata.uid!;
  const involved = live ?? claim;
  const event = (message: string): Intent => ({ type: 'event', involved, eventType: 'Warning', reason: 'ProvisioningFailed', message, source });
  if (error.code === 'InvalidArgument') {
    // Infeasible: retrying soon cannot help, so the claim waits in the slow set.
    st.claims.set(uid, { phase: 'backoff', key: op.key, retryAt: ctx.now + CSI_RETRY_MAX_MS, failures: op.failures + 1 });
    return [event(`Volume provisioning failed with infeasible error. Retries will be delayed. ${error.message}`), { type: 'requeue', key: op.key, afterMs: CSI_RETRY_MAX_MS }];
  }
  // checkError: ResourceExhausted on a topology-aware driver with a selected node asks the scheduler to
  // pick again (the annotation is removed) instead of retrying the same node.
  const selected = live?.metadata.annotations?.[ANN_SELECTED_NODE];
  if (error.code === 'ResourceExhausted' && driver.topologyKeys.length && selected && live) return [event(error.message), unselectNode(live)];
  return backoff(op.key, uid, op.failures + 1, driver, ctx, st, [event(error.message)]);
}

function backoff(key: string, uid: string, failures: number, driver: DriverSpec, ctx: ReconcileContext, st: ProvisionerState, intents: Intent[]): Intent[] {
  const ms = retryDelay(driver, failures);
  st.claims.set(uid, { phase: 'backoff', key, retryAt: ctx.now + ms, failures });
  return [...intents, { type: 'requeue', key, afterMs: ms }];
}

/** rescheduleProvisioning: drop volume.kubernetes.io/selected-node so the scheduler chooses again. */
function unselectNode(pvc: PVC): Intent {
  const copy = structuredClone(pvc);
  delete copy.metadata.annotations![ANN_SELECTED_NODE];
  return { type: 'update', obj: copy };
}
