import type { Io } from '../io';
export function runLabel(_io: Io, _argv: readonly string[], ..._rest: unknown[]): void {
  throw new Error('not implemented');
}
