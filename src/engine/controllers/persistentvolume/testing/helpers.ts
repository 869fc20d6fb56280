// The with*/claimWith* composition helpers of framework_test.go, over arrays of objects.
import type { PV, PVC } from '../../volume/pv-helpers';
import { newClaim, newVolume } from './harness';

export const newVolumeArray = (...a: Parameters<typeof newVolume>): PV[] => [newVolume(...a)];
export const newClaimArray = (...a: Parameters<typeof newClaim>): PVC[] => [newClaim(...a)];

export function withLabels(labels: Record<string, string>, volumes: PV[]): PV[] {
  volumes[0].metadata.labels = { ...labels };
  return volumes;
}

export function withLabelSelector(labels: Record<string, string>, claims: PVC[]): PVC[] {
  claims[0].spec!.selector = { matchLabels: { ...labels } };
  return claims;
}

export function withVolumeVolumeMode(mode: string, volumes: PV[]): PV[] {
  volumes[0].spec!.volumeMode = mode;
  return volumes;
}

export function withClaimVolumeMode(mode: string, claims: PVC[]): PVC[] {
  claims[0].spec!.volumeMode = mode;
  return claims;
}

export function withExpectedCapacity(capacity: string, claims: PVC[]): PVC[] {
  claims[0].status!.capacity = { storage: capacity };
  return claims;
}

export function withMessage(message: string, volumes: PV[]): PV[] {
  volumes[0].status!.message = message;
  return volumes;
}

export function claimWithAnnotation(name: string, value: string, claims: PVC[]): PVC[] {
  claims[0].metadata.annotations = { ...(claims[0].metadata.annotations ?? {}), [name]: value };
  return claims;
}

export function volumeWithAnnotation(name: string, value: string, volumes: PV[]): PV[] {
  for (const v of volumes) v.metadata.annotations = { ...(v.metadata.annotations ?? {}), [name]: value };
  return volumes;
}

export function claimWithAccessMode(modes: string[], claims: PVC[]): PVC[] {
  claims[0].spec!.accessModes = modes;
  return claims;
}

export function withVolumeDeletionTimestamp(volumes: PV[]): PV[] {
  for (const v of volumes) v.metadata.deletionTimestamp = '2020-02-18T10:30:30Z';
  return volumes;
}

export function volumesWithFinalizers(volumes: PV[], finalizers: string[]): PV[] {
  for (const v of volumes) v.metadata.finalizers = [...finalizers];
  return volumes;
}

export const novolumes: PV[] = [];
export const noclaims: PVC[] = [];
export const noevents: string[] = [];

export const classGold = 'gold';
export const classSilver = 'silver';
export const classEmpty = '';
export const classWait = 'wait';
export const classExternal = 'external';
