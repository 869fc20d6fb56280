// pflag-style parsing as kubectl's cobra commands do it: `--name=value`, `--name value`, `-n value`,
// `-nvalue`, `-n=value`, grouped boolean shorthands (`-Rf dir`), `--` ending flags, and the exact
// error texts of cobra/pflag (`unknown flag: --bogus`, `flag needs an argument: 'n' in -n`, …).
import { flagError } from './errors';

export type FlagType = 'bool' | 'string' | 'int' | 'strings';

export interface FlagSpec {
  readonly name: string;
  readonly short?: string;
  readonly type: FlagType;
  /** pflag NoOptDefVal: the value a string flag takes when given bare (`--dry-run`) */
  readonly noOptDefault?: string;
}

export interface ParsedFlags {
  /** positional arguments before `--` */
  readonly args: string[];
  /** arguments after `--` */
  readonly rest: string[];
  /** true when `--` was present */
  readonly dashdash: boolean;
  readonly values: Map<string, string | boolean | number | string[]>;
}

/** Flags every kubectl command accepts (the root command's persistent flags). */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'request-timeout', type: 'string' },
  { name: 'server', short: 's', type: 'string' },
  { name: 'v', short: 'v', type: 'string' },
];

function parseBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

export function parseFlags(cmdPath: string, argv: readonly string[], specs: readonly FlagSpec[]): ParsedFlags {
  const all = [...specs, ...GLOBAL_FLAGS];
  const byName = new Map(all.map((s) => [s.name, s]));
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short!, s]));
  const values = new Map<string, string | boolean | number | string[]>();
  const args: string[] = [];
  let rest: string[] = [];
  let dashdash = false;

  const set = (spec: FlagSpec, raw: string, shown: string) => {
    switch (spec.type) {
      case 'bool': {
        const b = parseBool(raw);
        if (b === undefined)
          throw flagError(cmdPath, `invalid argument "${raw}" for "${shown}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
        values.set(spec.name, b);
        return;
      }
      case 'int': {
        if (!/^[+-]?\d+$/.test(raw))
          throw flagError(cmdPath, `invalid argument "${raw}" for "${shown}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
        values.set(spec.name, Number(raw));
        return;
      }
      case 'strings': {
        const prev = (values.get(spec.name) as string[] | undefined) ?? [];
        values.set(spec.name, [...prev, raw]);
        return;
      }
      case 'string':
        values.set(spec.name, raw);
    }
  };

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      dashdash = true;
      rest = argv.slice(i + 1);
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = byName.get(name);
      if (!spec) throw flagError(cmdPath, `unknown flag: --${name}`);
      const shown = spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
      if (eq >= 0) set(spec, a.slice(eq + 1), shown);
      else if (spec.type === 'bool') values.set(spec.name, true);
      else if (spec.noOptDefault !== undefined) values.set(spec.name, spec.noOptDefault);
      else if (i + 1 < argv.length) set(spec, argv[++i], shown);
      else throw flagError(cmdPath, `flag needs an argument: --${name}`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      // a group of shorthands: -Rf, -n ns, -nns, -n=ns
      let j = 1;
      while (j < a.length) {
        const c = a[j];
        const spec = byShort.get(c);
        if (!spec) throw flagError(cmdPath, `unknown shorthand flag: '${c}' in ${a}`);
        const shown = `-${c}, --${spec.name}`;
        const after = a.slice(j + 1);
        if (spec.type === 'bool') {
          if (after.startsWith('=')) {
            set(spec, after.slice(1), shown);
            break;
          }
          values.set(spec.name, true);
          j++;
          continue;
        }
        if (after.startsWith('=')) set(spec, after.slice(1), shown);
        else if (after.length > 0) set(spec, after, shown);
        else if (i + 1 < argv.length) set(spec, argv[++i], shown);
        else throw flagError(cmdPath, `flag needs an argument: '${c}' in -${c}`);
        break;
      }
      continue;
    }
    args.push(a);
  }
  return { args, rest, dashdash, values };
}

export function flagString(p: ParsedFlags, name: string): string | undefined {
  const v = p.values.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function flagBool(p: ParsedFlags, name: string, dflt = false): boolean {
  const v = p.values.get(name);
  return typeof v === 'boolean' ? v : dflt;
}

export function flagInt(p: ParsedFlags, name: string): number | undefined {
  const v = p.values.get(name);
  return typeof v === 'number' ? v : undefined;
}

export function flagStrings(p: ParsedFlags, name: string): string[] {
  const v = p.values.get(name);
  return Array.isArray(v) ? v : [];
}

export function flagPresent(p: ParsedFlags, name: string): boolean {
  return p.values.has(name);
}
