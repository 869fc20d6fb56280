import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare } from './share';

describe('share links', () => {
  it('round-trips profile, seed, time and the command log (unicode and <script> included)', async () => {
    const s = { profile: 'playground', seed: 42, time: 12_345, log: [{ at: 10, cmd: { type: 'apply' as const, text: 'name: "<script>存储</script>"' } }] };
    const h = await encodeShare(s);
    expect(h).toMatch(/^s=[A-Za-z0-9_-]+$/);
    expect(await decodeShare(`#${h}`)).toEqual(s);
  });
  it('rejects garbage', async () => {
    expect(await decodeShare('#s=!!!')).toBeUndefined();
    expect(await decodeShare('#s=AAAA')).toBeUndefined();
    expect(await decodeShare('#other')).toBeUndefined();
  });
});
