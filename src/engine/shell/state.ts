// The shell's state and streams, shared by the interpreter, the expansions and the commands.
import type { MountNamespace } from './vfs';

export interface ShellHost {
  readonly fs: MountNamespace;
  readonly hostname: string;
  readonly env: Readonly<Record<string, string>>;
  /** virtual time in ms */
  readonly now: number;
  /** `kill 1`: ends the container's main process (undefined on a node shell) */
  readonly killInit?: (signal: string) => void;
}

export interface ShellState {
  readonly host: ShellHost;
  vars: Record<string, string>;
  cwd: string;
  last: number;
  sleptMs: number;
  forever: boolean;
  depth: number;
  /** runs a script in this shell with the given streams (command substitution uses it) */
  readonly run: (script: string, io: Io) => number;
}

export interface Io {
  stdin: string;
  out: string[];
  err: string[];
}

