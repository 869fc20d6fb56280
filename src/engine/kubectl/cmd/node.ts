import type { Io } from '../io';
export function runCordon(_io: Io, _argv: readonly string[], ..._rest: unknown[]): void {
  throw new Error('not implemented');
}
export function runDrain(_io: Io, _argv: readonly string[], ..._rest: unknown[]): void {
  throw new Error('not implemented');
}
