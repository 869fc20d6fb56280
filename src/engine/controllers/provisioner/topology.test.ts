import { describe, expect, it } from 'vitest';
import { pvcNameHashAndIndexOffset, volumeNodeAffinity } from './topology';

describe('pvcNameHashAndIndexOffset (getPVCNameHashAndIndexOffset, FNV-1 32)', () => {
  it.each([
    // FNV-1 32-bit reference values: offset basis for "", 0x050c5d7e for "a".
    ['', 0x811c9dc5, 0],
    ['a', 0x050c5d7e, 0],
    // StatefulSet claims hash only the set's name and are offset by the ordinal, so replicas spread.
    ['www-web-2', pvcNameHashAndIndexOffset('web')[0], 2],
    ['data-0', pvcNameHashAndIndexOffset('data')[0], 0],
  ])('%j', (name, hash, index) => {
    expect(pvcNameHashAndIndexOffset(name)).toEqual([hash, index]);
  });
});

describe('volumeNodeAffinity (GenerateVolumeNodeAffinity)', () => {
  it('one term per accessible segment, one In expression per key', () => {
    expect(volumeNodeAffinity([{ 'topology.ebs.csi.aws.com/zone': 'us-east-1a' }])).toEqual({
      required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.ebs.csi.aws.com/zone', operator: 'In', values: ['us-east-1a'] }] }] },
    });
    expect(volumeNodeAffinity([])).toBeUndefined();
  });
});
