// Editor markers for an apply: YAML syntax errors from the manifest reader, and kubectl/apiserver errors
// mapped back to the document (and, when the message names a field path, the line of that field).
import { LineCounter, parseAllDocuments, isMap, isSeq, type Node as YNode } from 'yaml';
import { parseManifests } from '../engine/yaml/manifests';
import type { EditorMarker } from '../protocol/messages';

export function syntaxMarkers(text: string): EditorMarker[] {
  const p = parseManifests(text);
  if (p.ok) return [];
  const e = p.error;
  return [{ line: e.line, col: e.col, endLine: e.endLine, endCol: e.endCol, message: e.message, severity: 'error' }];
}

interface DocInfo {
  name?: string;
  kind?: string;
  line: number;
  node: YNode | null;
}

function docsOf(text: string, lc: LineCounter): DocInfo[] {
  const out: DocInfo[] = [];
  for (const d of parseAllDocuments(text, { lineCounter: lc })) {
    if (!('contents' in d) || !d.contents) continue;
    const v = d.toJS() as { metadata?: { name?: string }; kind?: string } | null;
    out.push({ name: v?.metadata?.name, kind: v?.kind, line: lc.linePos(d.contents.range?.[0] ?? 0).line, node: d.contents as YNode });
  }
  return out;
}

/** Line of the deepest key along a dotted field path (`spec.accessModes[0]`), or undefined. */
function fieldLine(node: YNode | null, path: string, lc: LineCounter): number | undefined {
  let cur: unknown = node;
  let line: number | undefined;
  for (const part of path.split('.').flatMap((p) => p.split(/[[\]]/).filter(Boolean))) {
    if (isMap(cur)) {
      const pair = cur.items.find((it) => (it.key as { value?: unknown })?.value === part);
      if (!pair) break;
      const k = pair.key as YNode;
      if (k.range) line = lc.linePos(k.range[0]).line;
      cur = pair.value;
    } else if (isSeq(cur) && /^\d+$/.test(part)) {
      const item = cur.items[Number(part)] as YNode | undefined;
      if (!item) break;
      if (item.range) line = lc.linePos(item.range[0]).line;
      cur = item;
    } else break;
  }
  return line;
}

/** One marker per error line of kubectl's stderr that names an object of the text. */
export function errorMarkers(text: string, stderr: string): EditorMarker[] {
  if (!stderr.trim()) return [];
  const syn = syntaxMarkers(text);
  if (syn.length) return syn;
  const lc = new LineCounter();
  let docs: DocInfo[];
  try {
    docs = docsOf(text, lc);
  } catch {
    return [];
  }
  // kubectl prints `The Kind "name" is invalid:` and then one `* field: reason` line per cause (or the
  // cause on the same line when there is one): follow the object named last.
  const out: EditorMarker[] = [];
  const mentioned = new Map<DocInfo, string>();
  let cur: DocInfo | undefined;
  for (const raw of stderr.split('\n')) {
    const lineText = raw.trim();
    if (!lineText || lineText.startsWith('Warning:')) continue;
    const named = docs.find((d) => d.name && (lineText.includes(`"${d.name}"`) || lineText.includes(`/${d.name} `)));
    if (named) cur = named;
    const doc = named ?? cur ?? (docs.length === 1 ? docs[0] : undefined);
    if (!doc) continue;
    if (named && !mentioned.has(named)) mentioned.set(named, lineText);
    // `spec.capacity: Required value`, `spec.accessModes[0]: Unsupported value` …
    const fields = [...lineText.matchAll(/(?:^|[\s,:[*])((?:metadata|spec|status|provisioner|parameters|reclaimPolicy|volumeBindingMode|data)(?:\.[\w-]+|\[\d+\])*): /g)].map((m) => m[1]);
    const lines = fields.map((f) => fieldLine(doc.node, f, lc)).filter((l): l is number => l !== undefined);
    const head = mentioned.get(doc);
    const message = head && head !== lineText ? `${head} ${lineText.replace(/^\*\s*/, '')}` : lineText;
    for (const l of [...new Set(lines)]) out.push({ line: l, col: 1, endLine: l, endCol: 200, message, severity: 'error' });
    if (lines.length) mentioned.set(doc, head ?? lineText), (doc as DocInfo & { marked?: boolean }).marked = true;
  }
  for (const [doc, text] of mentioned)
    if (!(doc as DocInfo & { marked?: boolean }).marked) out.push({ line: doc.line, col: 1, endLine: doc.line, endCol: 200, message: text, severity: 'error' });
  return out;
}
