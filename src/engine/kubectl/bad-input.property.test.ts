// Random damage to valid manifests (the upstream corpus and the lesson's scenario manifests) never breaks
// kubectl or the cluster: runKubectl never throws nor leaks an internal exception, a failure always says
// something, a YAML syntax error names its line, and a command whose every document failed leaves every
// stored object (Events aside) byte-identical. delete, patch with broken JSON and get with bad selectors too.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { KINDS } from '../model/kinds';
import type { Simulation } from '../sim/simulation';
import { runKubectl } from './index';
import { bareSim } from './testing';

const ROOT = join(__dirname, '../../..');

function yamlFiles(dir: string, skip: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p, skip));
    else if (/\.ya?ml$/.test(name) && !skip(name)) out.push(readFileSync(p, 'utf8'));
  }
  return out;
}

const SEEDS = [
  ...yamlFiles(join(ROOT, 'src/engine/api/testdata/corpus'), () => false),
  ...yamlFiles(join(ROOT, 'scenarios'), (n) => n === 'scenario.yaml'),
];

// ---- mutations of the parsed documents ------------------------------------------------------------

type J = Record<string, unknown>;
const isObj = (v: unknown): v is J => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every [container, key] pair in a value, depth first. */
function slots(v: unknown, out: [J | unknown[], string | number][] = []): [J | unknown[], string | number][] {
  if (Array.isArray(v)) v.forEach((x, i) => (out.push([v, i]), slots(x, out)));
  else if (isObj(v)) for (const k of Object.keys(v)) out.push([v, k]), slots(v[k], out);
  return out;
}

const WRONG = [42, '42', true, 1.5, [], {}, ['x'], { a: 1 }, null, -1, '', 'ReadWriteOnce'];
const BAD_QUANTITIES = ['5 GB', 'abc', '1.5.5Gi', '', '10gb', '-', '1Ti1', ' ', '+-1'];
const NAMES = ['fresh', 'fresh-2', 'x'.repeat(300), '名字-ü', '<script>alert(1)</script>', 'UPPER', 'a..b', '-lead', 'a/b', '\u2028', ''];

type DocOp =
  | { t: 'drop' | 'rename' | 'wrong' | 'quantity' | 'name'; at: number; pick: number };

function mutateDoc(doc: unknown, op: DocOp): void {
  if (op.t === 'name') {
    if (isObj(doc) && isObj(doc.metadata)) doc.metadata.name = NAMES[op.pick % NAMES.length];
    return;
  }
  if (op.t === 'quantity') {
    const qs = slots(doc).filter(([c, k]) => !Array.isArray(c) && ['storage', 'cpu', 'memory'].includes(String(k)));
    if (!qs.length) return;
    const [c, k] = qs[op.at % qs.length];
    (c as J)[k as string] = BAD_QUANTITIES[op.pick % BAD_QUANTITIES.length];
    return;
  }
  const all = slots(doc);
  if (!all.length) return;
  const [c, k] = all[op.at % all.length];
  if (op.t === 'wrong') (c as J)[k as string] = structuredClone(WRONG[op.pick % WRONG.length]);
  else if (Array.isArray(c)) c.splice(k as number, 1);
  else if (op.t === 'drop') delete c[k as string];
  else {
    const v = c[k as string];
    delete c[k as string];
    c[op.pick % 2 ? `${String(k)}x` : String(k).toLowerCase() + 'S'] = v;
  }
}

// ---- mutations of the text ------------------------------------------------------------------------

type TextOp = { t: 'truncate' | 'tab' | 'indent' | 'outdent' | 'dropLine' | 'colon' | 'quote' | 'bracket' | 'garbage'; at: number };

function mutateText(text: string, op: TextOp): string {
  const lines = text.split('\n');
  const i = op.at % Math.max(1, lines.length);
  switch (op.t) {
    case 'truncate':
      return text.slice(0, op.at % (text.length + 1));
    case 'tab':
      lines[i] = lines[i].replace(/^ */, '\t');
      break;
    case 'indent':
      lines[i] = ' ' + lines[i];
      break;
    case 'outdent':
      lines[i] = lines[i].replace(/^ /, '');
      break;
    case 'dropLine':
      lines.splice(i, 1);
      break;
    case 'colon':
      lines[i] += ': x';
      break;
    case 'quote':
      lines[i] += ' "open';
      break;
    case 'bracket':
      lines[i] += ' [a, {b';
      break;
    case 'garbage':
      lines[i] += ['@', '`', '%', '&a', '*nope', '!!binary ~~', '\u0000', '}'][op.at % 8];
      break;
  }
  return lines.join('\n');
}

const docOp: fc.Arbitrary<DocOp> = fc.record({
  t: fc.constantFrom('drop', 'rename', 'wrong', 'quantity', 'name'),
  at: fc.nat(),
  pick: fc.nat(),
});
const textOp: fc.Arbitrary<TextOp> = fc.record({
  t: fc.constantFrom('truncate', 'tab', 'indent', 'outdent', 'dropLine', 'colon', 'quote', 'bracket', 'garbage'),
  at: fc.nat({ max: 5000 }),
});

const manifest = fc
  .record({ seed: fc.nat({ max: SEEDS.length - 1 }), docOps: fc.array(docOp, { maxLength: 3 }), textOps: fc.array(textOp, { maxLength: 2 }) })
  .filter((r) => r.docOps.length + r.textOps.length > 0)
  .map(({ seed, docOps, textOps }) => {
    let text = SEEDS[seed];
    if (docOps.length) {
      const docs = parseAllDocuments(text, { logLevel: 'silent' }).map((d) => d.toJS({ maxAliasCount: -1 }));
      const targets = docs.filter((d) => d !== null);
      for (const [n, op] of docOps.entries()) if (targets.length) mutateDoc(targets[(op.at + n) % targets.length], op);
      text = docs.map((d) => stringify(d)).join('---\n');
    }
    for (const op of textOps) text = mutateText(text, op);
    return text;
  });

// ---- the cluster ------------------------------------------------------------------------------------

/** Every stored object but Events, serialized: what a failed command must leave untouched. */
function snapshot(sim: Simulation): string {
  return KINDS.filter((k) => k.kind !== 'Event')
    .map((k) => JSON.stringify(sim.store.list(k.kind)))
    .join('\n');
}

/** A cluster that already holds the seeds, so re-applies take the three-way patch path. */
function seededSim(): Simulation {
  const sim = bareSim();
  for (const text of SEEDS) runKubectl({ sim, stdin: text }, ['apply', '-f', '-']);
  return sim;
}

const INTERNAL = /TypeError|ReferenceError|RangeError|SyntaxError|is not a function|Cannot read properties|undefined \(reading|\[object Object\]/;
const SUCCESS = / (created|configured|unchanged|deleted|patched)( \(|$)/m;

function checkRun(sim: Simulation, argv: string[], stdin?: string): { stdout: string; stderr: string; code: number } {
  const before = snapshot(sim);
  let r!: { stdout: string; stderr: string; code: number };
  expect(() => (r = runKubectl({ sim, stdin }, argv))).not.toThrow();
  expect(r.stderr).not.toMatch(INTERNAL);
  if (r.code !== 0) expect(r.stderr.trim()).not.toBe('');
  // nothing succeeded: nothing changed
  if (r.code !== 0 && !SUCCESS.test(r.stdout)) expect(snapshot(sim)).toBe(before);
  return r;
}

describe('bad input through kubectl', () => {
  it('SEEDS: the corpus and scenario manifests were found', () => {
    expect(SEEDS.length).toBeGreaterThan(40);
  });

  it('apply -f - of a damaged manifest: never throws, fails loudly, changes nothing when every document fails', () => {
    const sim = seededSim();
    let failures = 0;
    let yamlErrors = 0;
    let withoutLine = 0;
    fc.assert(
      fc.property(manifest, (text) => {
        const r = checkRun(sim, ['apply', '-f', '-'], text);
        if (r.code !== 0) failures++;
        const m = /error converting YAML to JSON: yaml: (.*)/.exec(r.stderr);
        if (!m) return;
        yamlErrors++;
        const line = /^line (\d+): \S/.exec(m[1]);
        if (line) {
          // counted within its document, so never past the end of the whole text (+1: the forced line break at the end)
          expect(Number(line[1])).toBeGreaterThan(0);
          expect(Number(line[1])).toBeLessThanOrEqual(text.split('\n').length + 1);
        } else {
          // goyaml.v2 names no line for a reader error, an unknown alias, or a fault on its document's first line
          withoutLine++;
          expect(m[1]).toMatch(/^(control characters are not allowed|unknown anchor '.*' referenced|found character that cannot start any token|mapping values are not allowed in this context|did not find expected key|found a tab character that violates indentation)$/);
        }
      }),
      { numRuns: 300, seed: 20261129 },
    );
    // the generator must actually reach the failure paths, and most syntax errors name their line
    expect(failures).toBeGreaterThan(120);
    expect(yamlErrors).toBeGreaterThan(50);
    expect(withoutLine / yamlErrors).toBeLessThan(0.25);
  });

  it('create -f - and delete -f - of damaged manifests leave the cluster alone when nothing succeeds', () => {
    const sim = seededSim();
    fc.assert(
      fc.property(manifest, fc.constantFrom('create', 'delete'), (text, verb) => {
        checkRun(sim, verb === 'delete' ? ['delete', '-f', '-', '--wait=false'] : ['create', '-f', '-'], text);
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('patch with broken JSON or YAML: never throws, never writes', () => {
    const sim = seededSim();
    const targets = KINDS.filter((k) => k.kind !== 'Event')
      .flatMap((k) => sim.store.list(k.kind).map((o) => [k.plural, o.metadata.name, o.metadata.namespace ?? 'default']))
      .slice(0, 20);
    expect(targets.length).toBeGreaterThan(3);
    const valid = ['{"metadata":{"labels":{"a":"b"}}}', '{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}', '[{"op":"add","path":"/metadata/labels/a","value":"b"}]'];
    const broken = fc.oneof(
      fc.tuple(fc.constantFrom(...valid), fc.nat()).map(([v, n]) => v.slice(0, n % v.length)),
      fc.tuple(fc.constantFrom(...valid), fc.nat(), fc.constantFrom('}', ']', ',', ':', '"', '\t', '{{', 'null,')).map(([v, n, c]) => v.slice(0, n % v.length) + c + v.slice(n % v.length)),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...targets), broken, fc.constantFrom('strategic', 'merge', 'json'), ([plural, name, ns], patch, type) => {
        const r = checkRun(sim, ['patch', plural, name, '-n', ns, '--type', type, '-p', patch]);
        if (!r.stdout) expect(r.code).not.toBe(0);
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('get and delete with bad label and field selectors: never throw, never write', () => {
    const sim = seededSim();
    const selector = fc.stringMatching(/^[a-z=!(), \-.\/0-9]{0,16}$/);
    fc.assert(
      fc.property(selector, fc.constantFrom('-l', '--field-selector'), fc.constantFrom('pv', 'pvc', 'pods', 'pv,pvc', 'sc'), (sel, flag, what) => {
        checkRun(sim, ['get', what, flag, sel, '-A']);
        // a selector that parses may match and delete objects: only the failures must be inert
        const before = snapshot(sim);
        const r = runKubectl({ sim }, ['delete', what, flag, sel, '--dry-run=server']);
        expect(r.stderr).not.toMatch(INTERNAL);
        expect(snapshot(sim)).toBe(before);
      }),
      { numRuns: 200, seed: 3 },
    );
  });
});
