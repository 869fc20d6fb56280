import type { Io } from '../io';
export function runCreate(_io: Io, _argv: readonly string[], ..._rest: unknown[]): void {
  throw new Error('not implemented');
}
