import { describe, expect, it } from 'vitest';
import { Rng } from '../random/rng';
import { Backends } from './backends';
import { BUILTIN_PROFILES } from './builtin-profiles';
import { loadClusterProfile } from './profiles';
import type { DriverSpec } from './cluster-config';
import { controllerExpandVolume, createSnapshot, createVolume, deleteVolume, roundVolumeSize, type CreateVolumeRequest } from './csi-controller';

const GiB = 2 ** 30;
const ali = loadClusterProfile(BUILTIN_PROFILES.alicloud);
const disk = ali.drivers.find((d) => d.name === 'diskplugin.csi.alibabacloud.com')!;
const nas = ali.drivers.find((d) => d.name === 'nasplugin.csi.alibabacloud.com')!;
const KEY = 'topology.diskplugin.csi.alibabacloud.com/zone';

function req(over: Partial<CreateVolumeRequest> = {}): CreateVolumeRequest {
  return { name: 'pvc-1', requiredBytes: 30 * GiB, parameters: { type: 'cloud_ssd' }, fsType: 'ext4', ...over };
}

describe('roundVolumeSize', () => {
  it.each([
    ['below the minimum → the minimum', disk, 1, 20 * GiB],
    ['exactly the minimum', disk, 20 * GiB, 20 * GiB],
    ['one byte over a GiB step → the next GiB', disk, 25 * GiB + 1, 26 * GiB],
    ['no minimum, byte steps (NAS) → as asked', nas, 5 * GiB + 7, 5 * GiB + 7],
    ['zero bytes on a disk → the minimum', disk, 0, 20 * GiB],
  ] as [string, DriverSpec, number, number][])('%s', (_n, d, asked, got) => {
    expect(roundVolumeSize(d, asked)).toBe(got);
  });
});

describe('CreateVolume', () => {
  it('is idempotent by name: a retry gets the same volume, nothing new is allocated', () => {
    const b = new Backends();
    const rng = new Rng(1);
    const a = createVolume(b, ali, disk, req(), 0, rng);
    const again = createVolume(b, ali, disk, req(), 5, rng);
    expect(a.ok && again.ok && a.value.volumeId === again.value.volumeId).toBe(true);
    expect(b.list()).toHaveLength(1);
  });

  it.each([
    ['the zone parameter wins over the requirements', { parameters: { type: 'cloud_ssd', zoneId: 'cn-hangzhou-b' }, accessibility: { requisite: [{ [KEY]: 'cn-hangzhou-a' }], preferred: [{ [KEY]: 'cn-hangzhou-a' }] } }, 'cn-hangzhou-b'],
    ['a zone list in the parameter is narrowed by the requirements', { parameters: { type: 'cloud_ssd', zoneId: 'cn-hangzhou-a,cn-hangzhou-b' }, accessibility: { requisite: [{ [KEY]: 'cn-hangzhou-b' }], preferred: [{ [KEY]: 'cn-hangzhou-b' }] } }, 'cn-hangzhou-b'],
    ['the first preferred segment', { accessibility: { requisite: [{ [KEY]: 'cn-hangzhou-a' }, { [KEY]: 'cn-hangzhou-b' }], preferred: [{ [KEY]: 'cn-hangzhou-b' }, { [KEY]: 'cn-hangzhou-a' }] } }, 'cn-hangzhou-b'],
    ['the first requisite segment when nothing is preferred', { accessibility: { requisite: [{ [KEY]: 'cn-hangzhou-b' }], preferred: [] } }, 'cn-hangzhou-b'],
    ['a zone where no node is (the disk is made; pods will not fit anywhere)', { parameters: { type: 'cloud_ssd', zoneId: 'cn-beijing-b' } }, 'cn-beijing-b'],
  ] as [string, Partial<CreateVolumeRequest>, string][])('zone: %s', (_n, over, zone) => {
    const b = new Backends();
    const r = createVolume(b, ali, disk, req(over), 0, new Rng(1));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.accessibleTopology).toEqual([{ [KEY]: zone }]);
    expect(b.get(r.value.volumeId)?.zone).toBe(zone);
  });

  it.each([
    ['quota left is too small → ResourceExhausted', { ...disk, capacityBytes: 25 * GiB }, req(), /^rpc error: code = ResourceExhausted desc = /],
    ['an unknown disk category → InvalidArgument with the driver text', disk, req({ parameters: { type: 'cloud_ssd,floppy' } }), /^rpc error: code = InvalidArgument desc = Invalid parameters from input: pvc-1, with error: illegal required parameter type: cloud_ssd,floppy$/],
    ['rounded size over the limit → OutOfRange', disk, req({ requiredBytes: 1, limitBytes: 10 * GiB }), /^rpc error: code = OutOfRange desc = /],
    ['restore from a snapshot that does not exist → NotFound', disk, req({ contentSource: { snapshotId: 's-nope' } }), /^rpc error: code = NotFound desc = snapshot s-nope not found$/],
  ] as [string, DriverSpec, CreateVolumeRequest, RegExp][])('%s', (_n, d, r, message) => {
    const b = new Backends();
    const res = createVolume(b, ali, d, r, 0, new Rng(1));
    expect(res.ok ? 'ok' : res.error.message).toMatch(message);
    expect(b.list()).toEqual([]);
  });

  it('quota counts what is already allocated', () => {
    const b = new Backends();
    const d = { ...disk, capacityBytes: 50 * GiB };
    expect(createVolume(b, ali, d, req({ name: 'a' }), 0, new Rng(1)).ok).toBe(true);
    const second = createVolume(b, ali, d, req({ name: 'b' }), 0, new Rng(1));
    expect(second.ok ? '' : second.error.code).toBe('ResourceExhausted');
  });

  it('NAS in subpath mode names the volume after the request and has no topology', () => {
    const r = createVolume(new Backends(), ali, nas, req({ parameters: { volumeAs: 'subpath' }, fsType: undefined, requiredBytes: 5 * GiB }), 0, new Rng(1));
    expect(r.ok && r.value).toMatchObject({ volumeId: 'pvc-1', capacityBytes: 5 * GiB, accessibleTopology: [] });
  });
});

describe('DeleteVolume, ControllerExpandVolume, snapshots', () => {
  it('DeleteVolume destroys the disk and its files; deleting again succeeds (idempotent)', () => {
    const b = new Backends();
    const r = createVolume(b, ali, disk, req(), 0, new Rng(1));
    const id = r.ok ? r.value.volumeId : '';
    b.get(id)!.root.entries.f = { type: 'file', content: 'x', mode: 0o644, mtime: 0 };
    expect(deleteVolume(b, disk, id, 10).ok).toBe(true);
    expect(b.get(id)).toMatchObject({ deletedAt: 10, root: { entries: {} } });
    expect(deleteVolume(b, disk, id, 11).ok).toBe(true);
  });

  it('DeleteVolume of an attached disk fails with FailedPrecondition', () => {
    const b = new Backends();
    const r = createVolume(b, ali, disk, req(), 0, new Rng(1));
    const id = r.ok ? r.value.volumeId : '';
    b.get(id)!.attachedTo.push('cn-hangzhou.192.168.1.10');
    const del = deleteVolume(b, disk, id, 10);
    expect(del.ok ? '' : del.error.code).toBe('FailedPrecondition');
    expect(b.get(id)?.deletedAt).toBeUndefined();
  });

  it('ControllerExpandVolume grows to the rounded size and asks the node to grow the file system', () => {
    const b = new Backends();
    const r = createVolume(b, ali, disk, req(), 0, new Rng(1));
    const id = r.ok ? r.value.volumeId : '';
    const e = controllerExpandVolume(b, disk, id, 40 * GiB + 1);
    expect(e.ok && e.value).toEqual({ capacityBytes: 41 * GiB, nodeExpansionRequired: true });
    expect(b.get(id)?.sizeBytes).toBe(41 * GiB);
  });

  it('a snapshot is a point-in-time copy; a volume restored from it starts with those files', () => {
    const b = new Backends();
    const rng = new Rng(1);
    const r = createVolume(b, ali, disk, req(), 0, rng);
    const id = r.ok ? r.value.volumeId : '';
    b.get(id)!.root.entries.before = { type: 'file', content: '1', mode: 0o644, mtime: 0 };
    const s = createSnapshot(b, disk, id, 'snapshot-1', 5, rng);
    expect(s.ok).toBe(true);
    const snapId = s.ok ? s.value.snapshotId : '';
    b.get(id)!.root.entries.after = { type: 'file', content: '2', mode: 0o644, mtime: 0 };
    expect(Object.keys(b.get(snapId)!.root.entries)).toEqual(['before']);
    const restored = createVolume(b, ali, disk, req({ name: 'pvc-2', contentSource: { snapshotId: snapId } }), 9, rng);
    const rid = restored.ok ? restored.value.volumeId : '';
    expect(Object.keys(b.get(rid)!.root.entries)).toEqual(['before']);
  });
});
