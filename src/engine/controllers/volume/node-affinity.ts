// Node affinity of a PV: component-helpers/scheduling/corev1 MatchNodeSelectorTerms with
// nodeSelectorRequirementsAsSelector semantics. Terms are ORed; inside a term matchExpressions
// (node labels) and matchFields (only metadata.name) are ANDed; a term with no requirement matches
// nothing; a term with an invalid requirement is skipped. Gt/Lt take exactly one integer value and
// compare it with the label parsed as an integer.

export interface NodeSelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values?: readonly string[] | null;
}

export interface NodeSelectorTerm {
  readonly matchExpressions?: readonly NodeSelectorRequirement[] | null;
  readonly matchFields?: readonly NodeSelectorRequirement[] | null;
}

export interface NodeSelector {
  readonly nodeSelectorTerms?: readonly NodeSelectorTerm[] | null;
}

export interface NodeLike {
  readonly metadata: { readonly name: string; readonly labels?: Readonly<Record<string, string>> | null };
}

const INT = /^[+-]?[0-9]+$/;

/** undefined when the requirement is invalid (the term is then ignored, as upstream). */
function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean | undefined {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      if (values.length === 0) return undefined;
      return value !== undefined && values.includes(value);
    case 'NotIn':
      if (values.length === 0) return undefined;
      return value === undefined || !values.includes(value);
    case 'Exists':
      if (values.length !== 0) return undefined;
      return value !== undefined;
    case 'DoesNotExist':
      if (values.length !== 0) return undefined;
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (values.length !== 1 || !INT.test(values[0])) return undefined;
      if (value === undefined || !INT.test(value)) return false;
      const a = BigInt(value);
      const b = BigInt(values[0]);
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return undefined;
  }
}

function termMatches(term: NodeSelectorTerm, node: NodeLike): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  for (const r of exprs) {
    const v = Object.prototype.hasOwnProperty.call(labels, r.key) ? labels[r.key] : undefined;
    if (requirementMatches(r, v) !== true) return false;
  }
  for (const r of fields) {
    // Only metadata.name is a supported field, with In/NotIn and exactly one value.
    if (r.key !== 'metadata.name') return false;
    if ((r.operator !== 'In' && r.operator !== 'NotIn') || (r.values ?? []).length !== 1) return false;
    if (requirementMatches(r, node.metadata.name) !== true) return false;
  }
  return true;
}

export function matchNodeSelectorTerms(node: NodeLike | undefined, selector: NodeSelector | undefined | null): boolean {
  if (!node || !selector) return false;
  return (selector.nodeSelectorTerms ?? []).some((t) => termMatches(t, node));
}

interface PVWithAffinity {
  spec?: { nodeAffinity?: { required?: NodeSelector | null } | null } | null;
}

/**
 * CheckNodeAffinity (component-helpers/storage/volume/helpers.go): nil on match, otherwise the
 * error text upstream returns.
 */
export function checkNodeAffinity(pv: PVWithAffinity, nodeLabels: Readonly<Record<string, string>>, nodeName = ''): string | undefined {
  const required = pv.spec?.nodeAffinity?.required;
  if (!pv.spec?.nodeAffinity || !required) return undefined;
  return matchNodeSelectorTerms({ metadata: { name: nodeName, labels: nodeLabels } }, required)
    ? undefined
    : 'no matching NodeSelectorTerms';
}
