// The diff the apiserver appends to "… is immutable" errors (go-cmp's cmp.Diff of the internal Go struct).
// cmp.Diff output is deliberately unstable upstream (it randomly swaps spaces for non-breaking spaces so
// nobody parses it); we print its shape — header, `- `/`+ ` lines for the changed fields, `... // N identical
// fields` for runs of equal ones — with ASCII spaces, top-level fields only.
import { isObj } from './util';

export interface GoStruct {
  /** e.g. `core.PersistentVolumeClaimSpec` */
  readonly type: string;
  /** JSON field names in the Go struct's order */
  readonly fields: readonly string[];
  /** fields that are pointers in Go (printed `&"x"`) */
  readonly pointers?: readonly string[];
}

const goName = (f: string) => f.charAt(0).toUpperCase() + f.slice(1);

/** %v-ish rendering of a JSON value the way cmp prints Go values (strings quoted, structs in braces). */
export function goValue(v: unknown): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `{${v.map(goValue).join(', ')}}`;
  if (isObj(v)) {
    const parts = Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${goName(k)}: ${goValue(x)}`);
    return `{${parts.join(', ')}}`;
  }
  return String(v);
}

export function goDiff(s: GoStruct, oldV: unknown, newV: unknown): string {
  const a = isObj(oldV) ? oldV : {};
  const b = isObj(newV) ? newV : {};
  const known = new Set(s.fields);
  const extra = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((f) => !known.has(f)).sort();
  const fields = [...s.fields, ...extra];
  const ptr = new Set(s.pointers ?? []);
  const render = (f: string, v: unknown) => (v === undefined || v === null ? 'nil' : `${ptr.has(f) ? '&' : ''}${goValue(v)}`);
  const lines = [`  ${s.type}{`];
  let same = 0;
  const flush = () => {
    if (same > 0) lines.push(`  \t... // ${same} identical field${same === 1 ? '' : 's'}`);
    same = 0;
  };
  for (const f of fields) {
    const x = a[f];
    const y = b[f];
    if (JSON.stringify(x ?? null) === JSON.stringify(y ?? null)) {
      same += 1;
      continue;
    }
    flush();
    lines.push(`- \t${goName(f)}: ${render(f, x)},`);
    lines.push(`+ \t${goName(f)}: ${render(f, y)},`);
  }
  flush();
  lines.push('  }');
  return lines.join('\n') + '\n';
}

/** Go's %#v of a map[string]string (keys sorted, as fmt prints maps). */
export function goStringMap(m: unknown): string {
  if (!isObj(m)) return 'map[string]string(nil)';
  const parts = Object.keys(m)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(String(m[k]))}`);
  return `map[string]string{${parts.join(', ')}}`;
}

/** Go's %#v of a metav1.LabelSelector. */
export function goLabelSelector(sel: unknown): string {
  const s = isObj(sel) ? sel : {};
  const exprs = Array.isArray(s.matchExpressions)
    ? `[]v1.LabelSelectorRequirement{${s.matchExpressions
        .map((e) => {
          const r = isObj(e) ? e : {};
          const vals = Array.isArray(r.values) ? `[]string{${r.values.map((v) => JSON.stringify(String(v))).join(', ')}}` : '[]string(nil)';
          return `v1.LabelSelectorRequirement{Key:${JSON.stringify(String(r.key ?? ''))}, Operator:${JSON.stringify(String(r.operator ?? ''))}, Values:${vals}}`;
        })
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${goStringMap(s.matchLabels)}, MatchExpressions:${exprs}}`;
}

/** Go's %#v of an intstr.IntOrString. */
export function goIntOrString(v: unknown): string {
  return typeof v === 'string'
    ? `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`
    : `intstr.IntOrString{Type:0, IntVal:${typeof v === 'number' ? v : 0}, StrVal:""}`;
}
