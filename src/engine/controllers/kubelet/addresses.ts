// Addresses the kubelet hands out and reports: the node's InternalIP (node.status.addresses, pod hostIP) and
// pod IPs from the node's pod CIDR.
import type { ReconcileContext } from '../types';
import { nodeRt, type KubeletState } from './runtime';

export function hostIPOf(ctx: ReconcileContext, node: string): string {
  const n = ctx.view.get('Node', undefined, node);
  const addrs = (n?.status as { addresses?: { type: string; address: string }[] } | undefined)?.addresses ?? [];
  return addrs.find((a) => a.type === 'InternalIP')?.address ?? nodeInternalIP(ctx, node);
}

/**
 * The address the kubelet reports for its node: the IP cloud node names carry (`cn-hangzhou.192.168.0.10`,
 * `ip-10-0-1-10.ec2.internal`), else 192.168.0.<10 + node index>.
 */
export function nodeInternalIP(ctx: ReconcileContext, node: string): string {
  const dotted = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})/.exec(node);
  if (dotted) return dotted.slice(1, 5).join('.');
  const dashed = /^ip-(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})(\.|$)/.exec(node);
  if (dashed) return dashed.slice(1, 5).join('.');
  const idx = Math.max(0, ctx.cluster.nodes.findIndex((x) => x.name === node));
  return `192.168.0.${10 + idx}`;
}

/** Pod IPs come from the node's pod CIDR (spec.podCIDR, else 10.244.<node index>.0/24), in allocation order. */
export function allocatePodIP(ctx: ReconcileContext, state: KubeletState, node: string): string {
  const nrt = nodeRt(state, node);
  const cidr = (ctx.view.get('Node', undefined, node)?.spec as { podCIDR?: string } | undefined)?.podCIDR;
  const idx = Math.max(0, ctx.cluster.nodes.findIndex((x) => x.name === node));
  const prefix = cidr ? cidr.split('/')[0].split('.').slice(0, 3).join('.') : `10.244.${idx + 1}`;
  return `${prefix}.${nrt.nextIp++}`;
}

