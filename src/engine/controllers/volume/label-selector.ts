// metav1.LabelSelectorAsSelector(sel).Matches(labels): matchLabels are equalities, matchExpressions
// In / NotIn / Exists / DoesNotExist, all ANDed. An empty selector matches everything; callers
// treat a nil selector as "no selector" (FindMatchingVolume skips the check entirely).

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values?: readonly string[] | null;
}

export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>> | null;
  readonly matchExpressions?: readonly LabelSelectorRequirement[] | null;
}

export type Labels = Readonly<Record<string, string>> | undefined | null;

/** Mirrors the error LabelSelectorAsSelector returns for an operator it does not know. */
export class LabelSelectorError extends Error {}

export function labelSelectorMatches(sel: LabelSelector, labels: Labels): boolean {
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) {
    if (!Object.prototype.hasOwnProperty.call(l, k) || l[k] !== v) return false;
  }
  for (const r of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const values = r.values ?? [];
    switch (r.operator) {
      case 'In':
        if (!has || !values.includes(l[r.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(l[r.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        throw new LabelSelectorError(`"${r.operator}" is not a valid label selector operator`);
    }
  }
  return true;
}
