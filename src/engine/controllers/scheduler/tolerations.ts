// Taints and tolerations as k8s.io/api/core/v1 toleration.go and
// pkg/apis/core/v1/helper (FindMatchingUntoleratedTaint, TolerationsTolerateTaint): shared by the
// scheduler's TaintToleration / NodeUnschedulable filters and the taint-eviction controller.

export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: string;
  readonly timeAdded?: string;
}

export interface Toleration {
  readonly key?: string;
  readonly operator?: string;
  readonly value?: string;
  readonly effect?: string;
  readonly tolerationSeconds?: number | null;
}

/** Toleration.ToleratesTaint: empty effect matches every effect; empty key with Exists matches every key. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | undefined | null, taint: Taint): boolean {
  return (tolerations ?? []).some((t) => toleratesTaint(t, taint));
}

/**
 * FindMatchingUntoleratedTaint with DoNotScheduleTaintsFilterFunc: the first NoSchedule/NoExecute
 * taint of the node (in the node's order) that no toleration tolerates.
 */
export function findUntoleratedScheduleTaint(
  taints: readonly Taint[] | undefined | null,
  tolerations: readonly Toleration[] | undefined | null,
): Taint | undefined {
  for (const taint of taints ?? []) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

/**
 * getMinTolerationTime of the taint-eviction controller over the tolerations that match the node's
 * NoExecute taints: undefined = tolerated forever, 0 = evict now (some taint is not tolerated),
 * otherwise the smallest tolerationSeconds (negative values count as 0).
 */
export function minTolerationSeconds(
  noExecuteTaints: readonly Taint[],
  tolerations: readonly Toleration[] | undefined | null,
): number | undefined {
  let min: number | undefined;
  for (const taint of noExecuteTaints) {
    const matching = (tolerations ?? []).filter((t) => t.effect === 'NoExecute' || !t.effect).filter((t) => toleratesTaint(t, taint));
    if (matching.length === 0) return 0;
    for (const t of matching) {
      if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
      const s = Math.max(0, t.tolerationSeconds);
      if (min === undefined || s < min) min = s;
    }
  }
  return min;
}
