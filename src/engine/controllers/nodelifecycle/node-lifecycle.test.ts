import { describe, expect, it } from 'vitest';
import type { KObject, Node } from '../../model/types';
import { makeSim, markRunningReady, pod } from '../scheduler/test-cluster';
import { newNodeLifecycleController } from './node-lifecycle';
import { newTaintEvictionController } from './taint-eviction';
import { failNode, recoverNode } from './commands';

function setReady(s: ReturnType<typeof makeSim>, node: string, status: string) {
  const n = structuredClone(s.store.get('Node', undefined, node)!) as KObject;
  n.status = { ...(n.status as Node['status']), conditions: [{ type: 'Ready', status, reason: status === 'True' ? 'KubeletReady' : 'KubeletNotReady', message: 'x' }] };
  s.store.updateStatus(n);
  s.drain();
}
const taints = (s: ReturnType<typeof makeSim>, node: string) => (s.store.get<Node>('Node', undefined, node)!.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`);

describe('node lifecycle controller', () => {
  it('a kubelet reporting Ready=False gets the not-ready taints; Ready=True removes them', () => {
    const s = makeSim([newNodeLifecycleController]);
    setReady(s, 'node-2', 'False');
    expect(taints(s, 'node-2')).toEqual(['node.kubernetes.io/not-ready:NoSchedule', 'node.kubernetes.io/not-ready:NoExecute']);
    setReady(s, 'node-2', 'True');
    expect(taints(s, 'node-2')).toEqual([]);
  });

  it('failNode: silent for the grace period, then Unknown + unreachable taints + pods not ready; a pod without toleration is evicted at once', () => {
    const s = makeSim([newNodeLifecycleController, newTaintEvictionController]);
    // No admission here: the pod has no DefaultTolerationSeconds tolerations, so NoExecute evicts it at once.
    const p = pod('bare', { nodeName: 'node-1' });
    p.metadata.finalizers = ['test/hold']; // keeps the evicted pod visible (no kubelet to finish the deletion)
    s.store.create(p);
    markRunningReady(s, 'default', 'bare'); // TEST STAND-IN for the kubelet
    failNode(s, 'node-1');
    s.advance(49_999);
    expect(taints(s, 'node-1')).toEqual([]);
    s.advance(1);
    expect(taints(s, 'node-1')).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    const got = s.store.get('Pod', 'default', 'bare')!;
    expect(got.metadata.deletionTimestamp).toBeDefined();
    const conds = (got.status as { conditions: { type: string; status: string; reason?: string }[] }).conditions;
    expect(conds.find((c) => c.type === 'Ready')!.status).toBe('False');
    expect(conds.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager' });
    expect(s.eventLog.filter((e) => e.involved.name === 'bare').map((e) => `${e.type} ${e.reason} ${e.message} (${e.source.component})`)).toEqual([
      'Warning NodeNotReady Node is not ready (node-controller)',
      'Normal TaintManagerEviction Marking for deletion Pod default/bare (taint-eviction-controller)',
    ]);
    recoverNode(s, 'node-1');
    expect(taints(s, 'node-1')).toEqual([]);
    expect(s.store.get<Node>('Node', undefined, 'node-1')!.status!.conditions!.find((c) => c.type === 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady' });
  });
});
