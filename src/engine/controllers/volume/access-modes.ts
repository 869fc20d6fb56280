// Access-mode helpers: v1helper.GetAccessModesAsString / GetAccessModesFromString
// (pkg/apis/core/v1/helper), util.ContainsAllAccessModes and storagehelpers.CheckAccessModes.
// The fixed order RWO, ROX, RWX, RWOP is the one kubectl prints and the PV index keys by.

export type AccessMode = 'ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany' | 'ReadWriteOncePod';

export const ACCESS_MODE_ORDER: readonly { readonly mode: AccessMode; readonly abbr: string }[] = [
  { mode: 'ReadWriteOnce', abbr: 'RWO' },
  { mode: 'ReadOnlyMany', abbr: 'ROX' },
  { mode: 'ReadWriteMany', abbr: 'RWX' },
  { mode: 'ReadWriteOncePod', abbr: 'RWOP' },
];

/** `RWO,ROX` — de-duplicated, fixed order, unknown modes dropped (GetAccessModesAsString). */
export function getAccessModesAsString(modes: readonly string[] | undefined | null): string {
  const have = new Set(modes ?? []);
  return ACCESS_MODE_ORDER.filter((m) => have.has(m.mode))
    .map((m) => m.abbr)
    .join(',');
}

/** Inverse of getAccessModesAsString (GetAccessModesFromString). */
export function getAccessModesFromString(s: string): AccessMode[] {
  const parts = new Set(s.split(',').map((p) => p.trim()));
  return ACCESS_MODE_ORDER.filter((m) => parts.has(m.abbr)).map((m) => m.mode);
}

/** true when every requested mode is in `indexed` (util.ContainsAllAccessModes). */
export function containsAllAccessModes(indexed: readonly string[], requested: readonly string[]): boolean {
  for (const m of requested) if (!indexed.includes(m)) return false;
  return true;
}

interface WithModes {
  spec?: { accessModes?: readonly string[] | null } | null;
}

/** CheckAccessModes: the PV satisfies all the claim's requested access modes. */
export function checkAccessModes(claim: WithModes, volume: WithModes): boolean {
  return containsAllAccessModes(volume.spec?.accessModes ?? [], claim.spec?.accessModes ?? []);
}
