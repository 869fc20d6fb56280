import type { MountNamespace } from '../vfs';
import type { ShellState } from '../state';

export interface CommandContext {
  readonly argv: readonly string[];
  readonly stdin: string;
  out(s: string): void;
  err(s: string): void;
  readonly fs: MountNamespace;
  readonly cwd: string;
  readonly state: ShellState;
  readonly env: Readonly<Record<string, string>>;
  /** runs a script in the same shell (used by `sh -c` inside commands such as `xargs`-less helpers) */
  runScript(script: string): number;
}

export type Command = (ctx: CommandContext) => number;

/** Splits busybox-style short options (`-la`, `-rf`) from operands; `--` ends options. */
export function parseFlags(argv: readonly string[], known: string): { flags: Set<string>; args: string[]; bad?: string } {
  const flags = new Set<string>();
  const args: string[] = [];
  let opts = true;
  for (const a of argv.slice(1)) {
    if (opts && a === '--') {
      opts = false;
      continue;
    }
    if (opts && a.length > 1 && a.startsWith('-') && !/^-\d/.test(a)) {
      for (const c of a.slice(1)) {
        if (!known.includes(c)) return { flags, args, bad: c };
        flags.add(c);
      }
      continue;
    }
    args.push(a);
  }
  return { flags, args };
}

/** UTF-8 length of a file's content; big files (dd) are ASCII, so their length is their size. */
export function byteLength(s: string): number {
  return s.length > 65_536 ? s.length : new TextEncoder().encode(s).length;
}
