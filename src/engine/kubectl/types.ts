// The contract between kubectl (src/engine/kubectl) and whoever runs it: the headless CLI, the HTTP
// server's tests, the browser terminal. One implementation of kubectl serves all of them.
import type { Simulation } from '../sim/simulation';

export interface KubectlResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

/** Where `-f` reads files from: the real disk in Node, the editor's buffers in the browser. */
export interface FileSource {
  /** file contents, or undefined when there is no such file */
  read(path: string): string | undefined;
  /** entries of a directory (names), or undefined when path is not a directory */
  list(path: string): readonly string[] | undefined;
}

/** Runs a command inside a container or on a node (`kubectl exec`, `sim node`); provided by the kubelet's shell. */
export type ExecHandler = (req: {
  readonly namespace: string;
  readonly pod: string;
  readonly container?: string;
  readonly argv: readonly string[];
  readonly stdin?: string;
}) => ExecResult;

/** What an exec returns; `notStarted` when the API server or kubelet refused before a process ran. */
export interface ExecResult extends KubectlResult {
  readonly notStarted?: boolean;
}

/**
 * Reads a container's log from its node's kubelet (`kubectl logs`); provided by the kubelet
 * (containerLogs). `error` is the full line kubectl prints (`Error from server (BadRequest): …`).
 */
export type LogsHandler = (req: {
  readonly namespace: string;
  readonly pod: string;
  readonly container?: string;
  readonly previous?: boolean;
}) => { readonly log?: string; readonly error?: string };

export interface KubectlContext {
  readonly sim: Simulation;
  readonly files?: FileSource;
  /** directory relative paths are resolved against */
  readonly cwd?: string;
  /** what `-f -` reads */
  readonly stdin?: string;
  /** the current context's namespace (default "default") */
  readonly namespace?: string;
  readonly exec?: ExecHandler;
  readonly logs?: LogsHandler;
}
