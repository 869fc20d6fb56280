// The plain upstream algorithm (index.go findByClaim + FindMatchingVolume over every volume of each
// access-mode set), used by tests and the benchmark as the oracle for the fast index.
import { containsAllAccessModes, getAccessModesAsString, getAccessModesFromString } from '../../volume/access-modes';
import { findMatchingVolume, type PV, type PVC } from '../../volume/pv-helpers';

export function referenceFindBestMatchForClaim(claim: PVC, volumes: readonly PV[], delayBinding: boolean): PV | undefined {
  const sorted = [...volumes].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  const keys = [...new Set(sorted.map((v) => getAccessModesAsString(v.spec?.accessModes)))]
    .map((key) => ({ key, modes: getAccessModesFromString(key) }))
    .filter((s) => containsAllAccessModes(s.modes, claim.spec?.accessModes ?? []))
    .sort((a, b) => (a.modes.length !== b.modes.length ? a.modes.length - b.modes.length : a.key < b.key ? -1 : 1));
  for (const { key } of keys) {
    const set = sorted.filter((v) => getAccessModesAsString(v.spec?.accessModes) === key);
    const found = findMatchingVolume(claim, set, undefined, undefined, delayBinding);
    if (found) return found;
  }
  return undefined;
}
