// InterPodAffinity Filter (pkg/scheduler/framework/plugins/interpodaffinity/filtering.go): required
// pod affinity, the incoming pod's required anti-affinity, and existing pods' required anti-affinity,
// all evaluated over topology domains (a node label value: kubernetes.io/hostname, topology.kubernetes.io/zone …).
import type { PodAffinityTerm } from 'kubernetes-types/core/v1';
import type { Namespace } from '../../model/types';
import { labelSelectorMatches, type LabelSelector } from '../volume/label-selector';
import { REASON, type NodeStatus } from './messages';
import type { NodeObj, PodObj, Snapshot } from './snapshot';

interface Term {
  readonly selector: LabelSelector | undefined;
  readonly namespaces: ReadonlySet<string>;
  readonly namespaceSelector: LabelSelector | undefined;
  readonly topologyKey: string;
}

function terms(owner: PodObj, list: readonly PodAffinityTerm[] | undefined): Term[] {
  return (list ?? []).map((t) => {
    const namespaces = new Set(t.namespaces ?? []);
    // No namespaces and no namespaceSelector means "the pod's own namespace".
    if (namespaces.size === 0 && !t.namespaceSelector) namespaces.add(owner.metadata.namespace ?? 'default');
    return {
      selector: (t.labelSelector ?? undefined) as LabelSelector | undefined,
      namespaces,
      namespaceSelector: (t.namespaceSelector ?? undefined) as LabelSelector | undefined,
      topologyKey: t.topologyKey,
    };
  });
}

function termMatchesPod(term: Term, pod: PodObj, nsLabels: (ns: string) => Record<string, string> | undefined): boolean {
  const ns = pod.metadata.namespace ?? 'default';
  const nsOk = term.namespaces.has(ns) || (term.namespaceSelector !== undefined && labelSelectorMatches(term.namespaceSelector, nsLabels(ns)));
  if (!nsOk) return false;
  // A nil label selector selects nothing (metav1.LabelSelectorAsSelector(nil) = labels.Nothing()).
  if (!term.selector) return false;
  return labelSelectorMatches(term.selector, pod.metadata.labels);
}

export interface AffinityState {
  readonly affinityTerms: readonly Term[];
  readonly antiAffinityTerms: readonly Term[];
  /** topology "key=value" → existing pods matching each of the incoming pod's affinity terms (count) */
  readonly affinityCounts: ReadonlyMap<string, number>;
  readonly antiAffinityCounts: ReadonlyMap<string, number>;
  /** topology pairs where an existing pod's required anti-affinity matches the incoming pod */
  readonly existingAntiAffinity: ReadonlySet<string>;
}

const pair = (k: string, v: string) => `${k}=${v}`;

/** PreFilter: counts over every node's pods. */
export function interPodAffinityPreFilter(pod: PodObj, snap: Snapshot): AffinityState {
  const nsLabels = (ns: string) => snap.view.get<Namespace>('Namespace', undefined, ns)?.metadata.labels ?? undefined;
  const aff = pod.spec?.affinity;
  const affinityTerms = terms(pod, aff?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution as PodAffinityTerm[] | undefined);
  const antiAffinityTerms = terms(pod, aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution as PodAffinityTerm[] | undefined);
  const affinityCounts = new Map<string, number>();
  const antiAffinityCounts = new Map<string, number>();
  const existingAntiAffinity = new Set<string>();
  for (const node of snap.nodes) {
    const labels = node.metadata.labels ?? {};
    for (const existing of snap.podsByNode.get(node.metadata.name) ?? []) {
      if (existing.metadata.uid && existing.metadata.uid === pod.metadata.uid) continue;
      // Incoming pod's terms, counted per topology value of the node the existing pod runs on.
      if (affinityTerms.length && affinityTerms.every((t) => termMatchesPod(t, existing, nsLabels)))
        for (const t of affinityTerms) if (labels[t.topologyKey] !== undefined) inc(affinityCounts, pair(t.topologyKey, labels[t.topologyKey]));
      for (const t of antiAffinityTerms)
        if (labels[t.topologyKey] !== undefined && termMatchesPod(t, existing, nsLabels)) inc(antiAffinityCounts, pair(t.topologyKey, labels[t.topologyKey]));
      // Existing pod's anti-affinity against the incoming pod.
      const theirs = terms(existing, existing.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution as PodAffinityTerm[] | undefined);
      for (const t of theirs)
        if (labels[t.topologyKey] !== undefined && termMatchesPod(t, pod, nsLabels)) existingAntiAffinity.add(pair(t.topologyKey, labels[t.topologyKey]));
    }
  }
  return { affinityTerms, antiAffinityTerms, affinityCounts, antiAffinityCounts, existingAntiAffinity };
}

function inc(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

export function interPodAffinityFilter(pod: PodObj, node: NodeObj, s: AffinityState, snap: Snapshot): NodeStatus | undefined {
  const labels = node.metadata.labels ?? {};
  if (!satisfyPodAffinity(pod, labels, s, snap))
    return { code: 'UnschedulableAndUnresolvable', plugin: 'InterPodAffinity', reasons: [REASON.affinity] };
  for (const t of s.antiAffinityTerms) {
    const v = labels[t.topologyKey];
    if (v !== undefined && (s.antiAffinityCounts.get(pair(t.topologyKey, v)) ?? 0) > 0)
      return { code: 'Unschedulable', plugin: 'InterPodAffinity', reasons: [REASON.antiAffinity] };
  }
  for (const [k, v] of Object.entries(labels))
    if (s.existingAntiAffinity.has(pair(k, v)))
      return { code: 'Unschedulable', plugin: 'InterPodAffinity', reasons: [REASON.existingAntiAffinity] };
  return undefined;
}

function satisfyPodAffinity(pod: PodObj, labels: Record<string, string>, s: AffinityState, snap: Snapshot): boolean {
  let podsExist = true;
  for (const t of s.affinityTerms) {
    const v = labels[t.topologyKey];
    if (v === undefined) return false; // all topology labels must exist on the node
    if ((s.affinityCounts.get(pair(t.topologyKey, v)) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself may go anywhere that has the topology labels.
  const nsLabels = (ns: string) => snap.view.get<Namespace>('Namespace', undefined, ns)?.metadata.labels ?? undefined;
  return s.affinityCounts.size === 0 && s.affinityTerms.every((t) => termMatchesPod(t, pod, nsLabels));
}
