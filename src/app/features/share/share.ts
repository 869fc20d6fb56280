// Share links: `#s=` + base64url(deflate-raw(JSON {p: profile, s: seed, t: time, l: command log})).
// Everything needed to rebuild the exact state, since the engine is deterministic.
import type { LoggedCommand } from '../../../protocol/messages';

export interface SharedState {
  readonly profile: string;
  readonly seed: number;
  readonly time: number;
  readonly log: readonly LoggedCommand[];
  readonly scenario?: string;
}

function toB64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromB64Url(s: string): Uint8Array {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const res = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await res.arrayBuffer());
}

export async function encodeShare(s: SharedState): Promise<string> {
  const json = JSON.stringify({ p: s.profile, s: s.seed, t: s.time, l: s.log, ...(s.scenario ? { c: s.scenario } : {}) });
  const packed = await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw'));
  return `s=${toB64Url(packed)}`;
}

export async function decodeShare(hash: string): Promise<SharedState | undefined> {
  const m = /(?:^#?|&)s=([A-Za-z0-9_-]+)/.exec(hash);
  if (!m) return undefined;
  try {
    const json = new TextDecoder().decode(await pipe(fromB64Url(m[1]), new DecompressionStream('deflate-raw')));
    const v = JSON.parse(json) as { p?: unknown; s?: unknown; t?: unknown; l?: unknown; c?: unknown };
    if (typeof v.p !== 'string' || typeof v.s !== 'number' || !Array.isArray(v.l)) return undefined;
    const log = (v.l as LoggedCommand[]).filter(
      (c) => c && typeof c.at === 'number' && c.cmd && (c.cmd.type === 'apply' || c.cmd.type === 'delete' || c.cmd.type === 'kubectl' || c.cmd.type === 'sim'),
    );
    return { profile: v.p, seed: v.s, time: typeof v.t === 'number' ? v.t : 0, log, ...(typeof v.c === 'string' ? { scenario: v.c } : {}) };
  } catch {
    return undefined;
  }
}
