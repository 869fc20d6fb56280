// Reading manifests: multi-document YAML (block or flow style / KYAML, comments) or JSON, with the
// position of every document so errors can point at a line and column. Scalars follow YAML 1.1 like
// sigs.k8s.io/yaml does, so an unquoted `yes` is a boolean there too.
import { LineCounter, parseAllDocuments, stringify, type Document } from 'yaml';

export interface ManifestDoc {
  /** the decoded value (usually an object with apiVersion/kind) */
  readonly value: unknown;
  /** 0-based index of the document in the stream */
  readonly index: number;
  /** 1-based line and column where the document's content starts */
  readonly line: number;
  readonly col: number;
}

export interface YamlSyntaxError {
  readonly message: string;
  /** 1-based */
  readonly line: number;
  readonly col: number;
  readonly endLine?: number;
  readonly endCol?: number;
}

export type ParseResult =
  | { readonly ok: true; readonly docs: readonly ManifestDoc[] }
  | { readonly ok: false; readonly error: YamlSyntaxError };

function firstLine(msg: string): string {
  return msg.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

export function parseManifests(text: string): ParseResult {
  const lineCounter = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter, version: '1.1', prettyErrors: false, uniqueKeys: true }) as Document.Parsed[];
  } catch (e) {
    return { ok: false, error: { message: (e as Error).message, line: 1, col: 1 } };
  }
  if (!Array.isArray(docs)) docs = [docs as unknown as Document.Parsed];
  const out: ManifestDoc[] = [];
  for (const [i, doc] of docs.entries()) {
    const err = doc.errors[0];
    if (err) {
      const start = lineCounter.linePos(err.pos[0]);
      const end = lineCounter.linePos(err.pos[1]);
      return {
        ok: false,
        error: { message: firstLine(err.message), line: start.line, col: start.col, endLine: end.line, endCol: end.col },
      };
    }
    const contents = doc.contents;
    if (contents === null || contents === undefined) continue; // empty document (`---` alone, comments only)
    const pos = lineCounter.linePos(contents.range?.[0] ?? 0);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      return { ok: false, error: { message: (e as Error).message, line: pos.line, col: pos.col } };
    }
    if (value === null || value === undefined) continue;
    // A List (kind: List) expands to its items, as kubectl does.
    if (isList(value)) {
      for (const item of value.items as unknown[]) out.push({ value: item, index: out.length, line: pos.line, col: pos.col });
      continue;
    }
    out.push({ value, index: out.length, line: pos.line, col: pos.col });
    void i;
  }
  return { ok: true, docs: out };
}

function isList(v: unknown): v is { items: unknown[] } {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items);
}

/** YAML as kubectl prints it (`-o yaml`): block style, keys in the given order, no line folding. */
export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, minContentWidth: 0, indentSeq: false, version: '1.1', aliasDuplicateObjects: false });
}
