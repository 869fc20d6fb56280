// Server-side printing: per-kind column definitions and rows as pkg/printers/internalversion builds
// them (the HTTP API serves these as meta.k8s.io/v1 Table), and the client-side rendering kubectl does
// with them (upper-cased headers, priority>0 columns only with -o wide, tabwriter padding 3).
import type { KindName } from '../../model/kinds';
import type { KObject } from '../../model/types';
import { GET_TABWRITER, tabwrite } from '../tabwriter';
import { formatLabels } from './helpers';

export interface TableColumn {
  readonly name: string;
  readonly type: string;
  readonly format: string;
  readonly priority: number;
  readonly description: string;
}

export interface TableRow {
  readonly cells: unknown[];
  readonly object: KObject;
}

export interface Table {
  readonly columns: TableColumn[];
  readonly rows: TableRow[];
}

export interface PrintOptions {
  /** include priority>0 columns (the API server always generates with wide=true) */
  readonly wide: boolean;
  /** virtual now (ms) for AGE cells */
  readonly now: number;
}

export type RowPrinter = (o: KObject, opts: PrintOptions) => unknown[];

export interface KindPrinter {
  readonly columns: readonly TableColumn[];
  readonly row: RowPrinter;
}

export const NAME_DOC =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
export const AGE_DOC =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

export function col(name: string, type = 'string', description = '', priority = 0, format = ''): TableColumn {
  return { name, type, format, priority, description };
}
export const NAME_COL = col('Name', 'string', NAME_DOC, 0, 'name');
export const AGE_COL = col('Age', 'string', AGE_DOC);

const registry = new Map<string, KindPrinter>();

export function registerPrinter(kind: KindName, p: KindPrinter): void {
  registry.set(kind, p);
}

export function printerFor(kind: string): KindPrinter | undefined {
  return registry.get(kind);
}

/** Default table for kinds without a printer: NAME and AGE (the server's default table convertor). */
function defaultPrinter(): KindPrinter {
  return {
    columns: [NAME_COL, col('Created At', 'date', AGE_DOC)],
    row: (o) => [o.metadata.name, o.metadata.creationTimestamp ?? ''],
  };
}

/**
 * Columns and rows for objects of one kind. With wide=false the priority>0 columns and their cells are
 * dropped, which is what kubectl shows without `-o wide`.
 */
export function tableFor(kind: string, objects: readonly KObject[], opts: PrintOptions): Table {
  const p = printerFor(kind) ?? defaultPrinter();
  const keep = p.columns.map((c) => opts.wide || c.priority === 0);
  const columns = p.columns.filter((_, i) => keep[i]);
  const rows = objects.map((o) => {
    const cells = p.row(o, { ...opts, wide: true });
    return { cells: cells.filter((_, i) => keep[i] ?? true), object: o };
  });
  return { columns, rows };
}

/** How kubectl prints a cell value (fmt %v); a missing CRD column value prints empty. */
export function cellText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

export interface RenderOptions {
  readonly noHeaders?: boolean;
  /** prefix a NAMESPACE column (-A) */
  readonly withNamespace?: boolean;
  readonly showLabels?: boolean;
  /** print names as kind/name (several resource types in one `get`) */
  readonly withKind?: string;
  /** -L: one column per label key (header: the key's last segment, upper-cased), before LABELS */
  readonly labelColumns?: readonly string[];
}

/** The lines of one table as kubectl's HumanReadablePrinter writes them (not yet tab-aligned). */
export function tableLines(t: Table, r: RenderOptions): string[] {
  const lines: string[] = [];
  if (!r.noHeaders) {
    const h = t.columns.map((c) => c.name.toUpperCase());
    if (r.withNamespace) h.unshift('NAMESPACE');
    for (const l of r.labelColumns ?? []) h.push(l.split('/').pop()!.toUpperCase());
    if (r.showLabels) h.push('LABELS');
    lines.push(h.join('\t'));
  }
  for (const row of t.rows) {
    const cells = row.cells.map(cellText);
    if (r.withKind && t.columns[0]?.format === 'name') cells[0] = `${r.withKind}/${cells[0]}`;
    if (r.withNamespace) cells.unshift(row.object.metadata.namespace ?? '');
    for (const l of r.labelColumns ?? []) cells.push(row.object.metadata.labels?.[l] ?? '');
    if (r.showLabels) cells.push(formatLabels(row.object.metadata.labels));
    lines.push(cells.join('\t'));
  }
  return lines;
}

export function renderTable(t: Table, r: RenderOptions = {}): string {
  const lines = tableLines(t, r);
  if (!lines.length) return '';
  return tabwrite(lines.join('\n') + '\n', GET_TABWRITER);
}
