// The PV↔PVC matching helpers of k8s.io/component-helpers/storage/volume (pv_helpers.go,
// helpers.go), shared by the PV controller and the scheduler's VolumeBinding plugin, as upstream.
import type { Obj, PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../model/types';
import { cmpQuantity, tryParseQuantity, type Quantity } from '../../model/quantity';
import { checkAccessModes } from './access-modes';
import { BETA_STORAGE_CLASS_ANNOTATION, ANN_BOUND_BY_CONTROLLER, ANN_SELECTED_NODE } from './constants';
import { labelSelectorMatches, type LabelSelector } from './label-selector';
import { checkNodeAffinity } from './node-affinity';

export type PV = Obj<PersistentVolume>;
export type PVC = Obj<PersistentVolumeClaim>;
export type SC = Obj<StorageClass>;

export { checkAccessModes };

const ZERO: Quantity = { nanos: 0n, format: 'DecimalSI' };

/** spec.capacity.storage; a missing or unparsable value compares as zero (resource.Quantity{}). */
export function volumeCapacity(pv: PV): Quantity {
  return tryParseQuantity(pv.spec?.capacity?.storage) ?? ZERO;
}

/** spec.resources.requests.storage; missing compares as zero. */
export function claimRequest(pvc: PVC): Quantity {
  return tryParseQuantity(pvc.spec?.resources?.requests?.storage) ?? ZERO;
}

function annotation(o: { metadata: { annotations?: Record<string, string> | null } }, key: string): string | undefined {
  const a = o.metadata.annotations;
  return a && Object.prototype.hasOwnProperty.call(a, key) ? a[key] : undefined;
}

export function hasAnnotation(o: { metadata: { annotations?: Record<string, string> | null } }, key: string): boolean {
  return annotation(o, key) !== undefined;
}

/** GetPersistentVolumeClaimClass: beta annotation first, then *spec.storageClassName, else "". */
export function getPersistentVolumeClaimClass(claim: PVC): string {
  const beta = annotation(claim, BETA_STORAGE_CLASS_ANNOTATION);
  if (beta !== undefined) return beta;
  return claim.spec?.storageClassName ?? '';
}

/** GetPersistentVolumeClass: beta annotation first, then spec.storageClassName ("" = no class). */
export function getPersistentVolumeClass(volume: PV): string {
  const beta = annotation(volume, BETA_STORAGE_CLASS_ANNOTATION);
  if (beta !== undefined) return beta;
  return volume.spec?.storageClassName ?? '';
}

/** PersistentVolumeClaimHasClass: the user asked for a class (even ""), so it is never defaulted. */
export function persistentVolumeClaimHasClass(claim: PVC): boolean {
  if (annotation(claim, BETA_STORAGE_CLASS_ANNOTATION) !== undefined) return true;
  return claim.spec?.storageClassName !== undefined && claim.spec?.storageClassName !== null;
}

/**
 * IsVolumeBoundToClaim: pre-bound or bound to this claim. Namespace and name must match; a
 * claimRef.uid, when present, must match too — a Released PV keeps the old uid, so a new claim
 * with the same name never matches.
 */
export function isVolumeBoundToClaim(volume: PV, claim: PVC): boolean {
  const ref = volume.spec?.claimRef;
  if (!ref) return false;
  if (claim.metadata.name !== ref.name || claim.metadata.namespace !== ref.namespace) return false;
  if (ref.uid && claim.metadata.uid !== ref.uid) return false;
  return true;
}

/** CheckVolumeModeMismatches: nil on either side counts as Filesystem. */
export function checkVolumeModeMismatches(claim: PVC, volume: PV): boolean {
  return (claim.spec?.volumeMode ?? 'Filesystem') !== (volume.spec?.volumeMode ?? 'Filesystem');
}

/** IsDelayBindingProvisioning: the scheduler picked a node (selected-node annotation present). */
export function isDelayBindingProvisioning(claim: PVC): boolean {
  return hasAnnotation(claim, ANN_SELECTED_NODE);
}

/**
 * IsDelayBindingMode: the claim's class exists and is WaitForFirstConsumer. Class "" or a class
 * that does not exist → false; a class without volumeBindingMode is an error (API defaulting
 * normally prevents it).
 */
export function isDelayBindingMode(claim: PVC, getClass: (name: string) => SC | undefined): boolean {
  const name = getPersistentVolumeClaimClass(claim);
  if (name === '') return false;
  const sc = getClass(name);
  if (!sc) return false;
  if (!sc.volumeBindingMode) throw new Error(`VolumeBindingMode not set for StorageClass "${name}"`);
  return sc.volumeBindingMode === 'WaitForFirstConsumer';
}

export interface NodeLabelsLike {
  readonly metadata: { readonly labels?: Readonly<Record<string, string>> | null };
}

function claimKey(claim: PVC): string {
  return `${claim.metadata.namespace}/${claim.metadata.name}`;
}

/** Claim-independent part of the per-volume filter, in upstream order; shared by the fast index. */
export interface MatchContext {
  readonly claim: PVC;
  readonly request: Quantity;
  readonly requestedClass: string;
  readonly selector: LabelSelector | undefined;
  readonly claimVAC: string;
  readonly vacEnabled: boolean;
}

export function newMatchContext(claim: PVC, vacEnabled = false): MatchContext {
  const claimVAC = claim.spec?.volumeAttributesClassName ?? '';
  if (!vacEnabled && claimVAC !== '')
    throw new Error(
      `unsupported volumeAttributesClassName is set on claim ${claimKey(claim)} when the feature-gate VolumeAttributesClass is disabled`,
    );
  return {
    claim,
    request: claimRequest(claim),
    requestedClass: getPersistentVolumeClaimClass(claim),
    selector: (claim.spec?.selector ?? undefined) as LabelSelector | undefined,
    claimVAC,
    vacEnabled,
  };
}

/** Steps 3–6 of FindMatchingVolume: size, volumeMode, VAC, deletionTimestamp. */
export function passesBasicChecks(m: MatchContext, volume: PV, capacity: Quantity): boolean {
  if (cmpQuantity(capacity, m.request) < 0) return false;
  if (checkVolumeModeMismatches(m.claim, volume)) return false;
  const volumeVAC = volume.spec?.volumeAttributesClassName ?? '';
  if (m.vacEnabled && m.claimVAC !== volumeVAC) return false;
  if (!m.vacEnabled && volumeVAC !== '') return false;
  if (volume.metadata.deletionTimestamp) return false;
  return true;
}

/** Steps 10–12 for unbound candidates: phase Available, selector, class. */
export function passesUnboundChecks(m: MatchContext, volume: PV): boolean {
  if (volume.status?.phase !== 'Available') return false;
  if (m.selector && !labelSelectorMatches(m.selector, volume.metadata.labels)) return false;
  if (getPersistentVolumeClass(volume) !== m.requestedClass) return false;
  return true;
}

/**
 * FindMatchingVolume: the smallest volume that satisfies the claim, or the volume pre-bound to it.
 * Order of checks per volume is upstream's: excluded → claimRef of another claim → size →
 * volumeMode → VAC → deletionTimestamp → node affinity (scheduler only) → pre-bound returns at
 * once (no match at all if its node affinity failed) → delayBinding skips unbound volumes (PV
 * controller only) → phase Available → selector → class → node affinity → access modes (scheduler
 * only) → keep the smallest; on equal size the first one seen wins. Throws the upstream error for
 * a claim with a VolumeAttributesClass while the gate is off.
 */
export function findMatchingVolume(
  claim: PVC,
  volumes: readonly PV[],
  node: NodeLabelsLike | undefined,
  excludedVolumes: ReadonlySet<string> | undefined,
  delayBinding: boolean,
  vacEnabled = false,
): PV | undefined {
  const m = newMatchContext(claim, vacEnabled);
  let smallest: PV | undefined;
  let smallestQty: Quantity | undefined;
  for (const volume of volumes) {
    if (excludedVolumes?.has(volume.metadata.name)) continue;
    if (volume.spec?.claimRef && !isVolumeBoundToClaim(volume, claim)) continue;
    const qty = volumeCapacity(volume);
    if (!passesBasicChecks(m, volume, qty)) continue;
    let nodeAffinityValid = true;
    // The scheduler passes only the node's labels, so matchFields (metadata.name) never match here.
    if (node) nodeAffinityValid = checkNodeAffinity(volume, node.metadata.labels ?? {}) === undefined;
    if (isVolumeBoundToClaim(volume, claim)) {
      // A pre-bound PV that does not fit the node means the claim cannot use this node at all.
      if (!nodeAffinityValid) return undefined;
      return volume;
    }
    if (!node && delayBinding) continue;
    if (!passesUnboundChecks(m, volume)) continue;
    if (!nodeAffinityValid) continue;
    if (node && !checkAccessModes(claim, volume)) continue;
    if (!smallestQty || cmpQuantity(smallestQty, qty) > 0) {
      smallest = volume;
      smallestQty = qty;
    }
  }
  return smallest;
}

/** The claimRef written on bind (reference.GetReference of the claim). */
export function claimReference(claim: PVC): NonNullable<PV['spec']>['claimRef'] {
  return {
    kind: 'PersistentVolumeClaim',
    namespace: claim.metadata.namespace,
    name: claim.metadata.name,
    uid: claim.metadata.uid,
    apiVersion: 'v1',
    resourceVersion: claim.metadata.resourceVersion,
  };
}

/**
 * GetBindVolumeToClaim: a copy of the volume bound to the claim, and whether anything changed.
 * bound-by-controller is added only when the volume was not already (pre-)bound to this claim.
 */
export function getBindVolumeToClaim(volume: PV, claim: PVC): { volume: PV; dirty: boolean } {
  const shouldSetBoundByController = !isVolumeBoundToClaim(volume, claim);
  // A shallow copy: the caller never mutates nested fields of the result.
  const clone: PV = { ...volume, metadata: { ...volume.metadata }, spec: { ...(volume.spec ?? {}) } };
  let dirty = false;
  const ref = volume.spec?.claimRef;
  if (
    !ref ||
    ref.name !== claim.metadata.name ||
    ref.namespace !== claim.metadata.namespace ||
    (ref.uid ?? '') !== (claim.metadata.uid ?? '')
  ) {
    clone.spec = { ...(clone.spec ?? {}), claimRef: claimReference(claim) };
    dirty = true;
  }
  if (shouldSetBoundByController && !hasAnnotation(clone, ANN_BOUND_BY_CONTROLLER)) {
    clone.metadata.annotations = { ...(clone.metadata.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: 'yes' };
    dirty = true;
  }
  return { volume: clone, dirty };
}
