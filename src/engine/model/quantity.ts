// resource.Quantity as apimachinery parses, compares and prints it.
// Values are held exactly as a count of nano-units (10^-9), which is the finest precision Kubernetes keeps:
// anything finer is rounded up, as upstream does.

export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

export interface Quantity {
  readonly nanos: bigint;
  readonly format: QuantityFormat;
}

export const QUANTITY_REGEX_MESSAGE =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

export class QuantityError extends Error {}

const NANO = 1_000_000_000n;
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

function pow10(e: number): bigint {
  return 10n ** BigInt(e);
}

/** Parses a quantity string; throws QuantityError with apimachinery's message when it is malformed. */
export function parseQuantity(input: string): Quantity {
  const s = input.trim();
  if (s.length === 0) throw new QuantityError(QUANTITY_REGEX_MESSAGE);
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(.*)$/.exec(s);
  if (!m) throw new QuantityError(QUANTITY_REGEX_MESSAGE);
  const [, sign, intPart, fracPart = '', suffix] = m;
  if (intPart.length === 0 && fracPart.length === 0) throw new QuantityError(QUANTITY_REGEX_MESSAGE);
  let num = BigInt((intPart || '0') + fracPart);
  let den = pow10(fracPart.length);
  let format: QuantityFormat;
  if (suffix in BINARY) {
    format = 'BinarySI';
    num *= 1n << BigInt(BINARY[suffix]);
  } else if (suffix in DECIMAL) {
    format = 'DecimalSI';
    const e = DECIMAL[suffix];
    if (e >= 0) num *= pow10(e);
    else den *= pow10(-e);
  } else {
    const em = /^[eE]([-+]?[0-9]+)$/.exec(suffix);
    if (!em) {
      if (/^[eEinumkKMGTP]*[-+]?[0-9]*$/.test(suffix)) throw new QuantityError("unable to parse quantity's suffix");
      throw new QuantityError(QUANTITY_REGEX_MESSAGE);
    }
    format = 'DecimalExponent';
    const e = Number(em[1]);
    if (Math.abs(e) > 1000) throw new QuantityError('quantity exponent out of range');
    if (e >= 0) num *= pow10(e);
    else den *= pow10(-e);
  }
  // nanos = ceil(num * 1e9 / den) — upstream rounds values finer than nano up (away from zero).
  const scaled = num * NANO;
  let nanos = scaled / den;
  if (scaled % den !== 0n) nanos += 1n;
  if (sign === '-') nanos = -nanos;
  return { nanos, format };
}

/** Like parseQuantity but returns undefined instead of throwing. */
export function tryParseQuantity(s: unknown): Quantity | undefined {
  if (typeof s === 'number') s = String(s);
  if (typeof s !== 'string') return undefined;
  try {
    return parseQuantity(s);
  } catch {
    return undefined;
  }
}

export function cmpQuantity(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

export function isZeroOrNegative(q: Quantity): boolean {
  return q.nanos <= 0n;
}

/** Value() in bytes (or units), rounded up, as a JS number (exact below 2^53). */
export function quantityValue(q: Quantity): number {
  let v = q.nanos / NANO;
  if (q.nanos % NANO !== 0n && q.nanos > 0n) v += 1n;
  return Number(v);
}

export function quantityFromBytes(bytes: bigint | number, format: QuantityFormat = 'BinarySI'): Quantity {
  return { nanos: BigInt(bytes) * NANO, format };
}

export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.format };
}

const DEC_SUFFIX: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BIN_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** The canonical string (CanonicalizeBytes): `1.5Gi` → `1536Mi`, `1000M` → `1G`, `0.5` → `500m`. */
export function formatQuantity(q: Quantity): string {
  const neg = q.nanos < 0n;
  const abs = neg ? -q.nanos : q.nanos;
  const sign = neg ? '-' : '';
  if (abs === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI' && (abs < 1024n * NANO || abs % NANO !== 0n)) format = 'DecimalSI';
  if (format === 'BinarySI') {
    let bytes = abs / NANO;
    let k = 0;
    while (k < 6 && bytes % 1024n === 0n) {
      bytes /= 1024n;
      k++;
    }
    return `${sign}${bytes}${BIN_SUFFIX[k]}`;
  }
  // Largest exponent that is a multiple of 3 and leaves an integer mantissa.
  let e = -9;
  let mant = abs;
  while (mant % 1000n === 0n && (format === 'DecimalExponent' || e < 18)) {
    mant /= 1000n;
    e += 3;
  }
  if (format === 'DecimalExponent') return `${sign}${mant}${e === 0 ? '' : `e${e}`}`;
  return `${sign}${mant}${DEC_SUFFIX[e]}`;
}

/** Canonical form of a quantity string, or the input unchanged when it does not parse. */
export function canonicalQuantity(s: string): string {
  const q = tryParseQuantity(s);
  return q ? formatQuantity(q) : s;
}
