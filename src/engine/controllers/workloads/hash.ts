// pod-template-hash / controller-revision-hash as controller.ComputeHash does it: FNV-1a 32-bit over
// the pod template (plus the little-endian collisionCount when set), printed in decimal and encoded
// with rand.SafeEncodeString (each byte → one of "bcdfghjklmnpqrstvwxz2456789").
// Upstream hashes the Go struct through a spew printer; we hash canonical JSON (sorted keys), so the
// value has upstream's shape and stability but not the byte-identical value a real cluster computes.

const SAFE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  return v;
}

export function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** rand.SafeEncodeString */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHANUMS[s.charCodeAt(i) % SAFE_ALPHANUMS.length];
  return out;
}

export function computeHash(template: unknown, collisionCount?: number): string {
  const json = new TextEncoder().encode(JSON.stringify(canonical(template ?? {})));
  let h = fnv32a(json);
  if (collisionCount !== undefined && collisionCount !== null) {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(b, h);
  }
  return safeEncodeString(String(h));
}
