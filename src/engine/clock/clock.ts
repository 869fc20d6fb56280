// Virtual time. The engine never reads the wall clock: every timestamp and every latency is measured on this.

/** Virtual epoch: the moment a fresh simulated cluster starts (an arbitrary fixed instant). */
export const DEFAULT_EPOCH_MS = Date.UTC(2025, 0, 1, 0, 0, 0);

export class VirtualClock {
  private ms: number;
  constructor(epochMs: number = DEFAULT_EPOCH_MS) {
    this.ms = epochMs;
  }
  now(): number {
    return this.ms;
  }
  /** Moves the clock forward; never backwards. */
  set(ms: number): void {
    if (ms < this.ms) throw new Error(`virtual clock cannot go back (${ms} < ${this.ms})`);
    this.ms = ms;
  }
}

/** RFC 3339 with second precision, as metav1.Time serialises (`2025-01-01T00:00:00Z`). */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** RFC 3339 with microseconds, as metav1.MicroTime serialises (events.k8s.io eventTime). */
export function rfc3339Micro(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function parseTime(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/** Parses Go-style durations used by kubectl and `sim advance`: 30s, 1m30s, 2h, 500ms. */
export function parseDuration(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m.index !== consumed) return undefined;
    consumed += m[0].length;
    const n = Number(m[1]);
    total += m[2] === 'h' ? n * 3_600_000 : m[2] === 'm' ? n * 60_000 : m[2] === 's' ? n * 1000 : n;
  }
  return consumed === s.length && consumed > 0 ? Math.round(total) : undefined;
}
