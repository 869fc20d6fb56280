// k8s.io/apimachinery/pkg/util/duration.HumanDuration and the printers' translateTimestampSince,
// computed from virtual time.
import { parseTime } from '../clock/clock';
import { humanDuration } from '../model/duration';

export { humanDuration };

/** translateTimestampSince: `<unknown>` for a zero/absent timestamp. */
export function since(ts: string | null | undefined, now: number): string {
  const t = parseTime(ts ?? undefined);
  if (t === undefined) return '<unknown>';
  return humanDuration(now - t);
}
