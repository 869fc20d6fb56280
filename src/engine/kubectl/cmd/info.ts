import type { Io } from '../io';
export function runApiResources(_io: Io, _argv: readonly string[], ..._rest: unknown[]): void {
  throw new Error('not implemented');
}
export function runExplain(_io: Io, _argv: readonly string[], ..._rest: unknown[]): void {
  throw new Error('not implemented');
}
export function runVersion(_io: Io, _argv: readonly string[], ..._rest: unknown[]): void {
  throw new Error('not implemented');
}
