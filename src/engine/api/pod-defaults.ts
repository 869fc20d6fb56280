// SetDefaults_* for a PodSpec and everything inside it (pkg/apis/core/v1/defaults.go, 1.32). Shared by Pods
// and by the pod templates of Deployments, ReplicaSets and StatefulSets, which the apiserver defaults too.
import { arr, canonicalizeQuantities, def, ensure, has, isObj, obj, str, type J } from './util';
import { defaultPvcSpec } from './persistentvolumeclaim';

/** Every member of core.VolumeSource; a volume with none of them becomes an emptyDir (SetDefaults_Volume). */
export const POD_VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc',
  'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected',
  'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
] as const;

const DEFAULT_MODE = 420; // 0644

/** parsers.ParseImageName's tag: `latest` when the reference has neither tag nor digest. */
export function imageTag(image: string): string {
  if (image.includes('@')) {
    const ref = image.slice(0, image.indexOf('@'));
    const m = /:([\w][\w.-]{0,127})$/.exec(ref.slice(ref.lastIndexOf('/') + 1));
    return m ? m[1] : '';
  }
  const last = image.slice(image.lastIndexOf('/') + 1);
  const i = last.lastIndexOf(':');
  return i >= 0 ? last.slice(i + 1) : 'latest';
}

function defaultFieldRef(env: unknown): void {
  const ref = obj(obj(env, 'valueFrom'), 'fieldRef');
  if (ref) def(ref, 'apiVersion', 'v1');
}

function defaultProbe(p: J | undefined): void {
  if (!p) return;
  def(p, 'timeoutSeconds', 1);
  def(p, 'periodSeconds', 10);
  def(p, 'successThreshold', 1);
  def(p, 'failureThreshold', 3);
  const http = obj(p, 'httpGet');
  if (http) {
    def(http, 'path', '/');
    def(http, 'scheme', 'HTTP');
  }
}

function defaultContainer(c: unknown): void {
  if (!isObj(c)) return;
  if (!str(c, 'imagePullPolicy')) c.imagePullPolicy = imageTag(str(c, 'image')) === 'latest' ? 'Always' : 'IfNotPresent';
  def(c, 'terminationMessagePath', '/dev/termination-log');
  def(c, 'terminationMessagePolicy', 'File');
  for (const p of arr(c, 'ports')) if (isObj(p)) def(p, 'protocol', 'TCP');
  for (const e of arr(c, 'env')) defaultFieldRef(e);
  defaultProbe(obj(c, 'livenessProbe'));
  defaultProbe(obj(c, 'readinessProbe'));
  defaultProbe(obj(c, 'startupProbe'));
  // SetDefaults_Pod: requests default to limits when only limits are given
  const res = obj(c, 'resources');
  if (res) {
    canonicalizeQuantities(obj(res, 'limits'));
    canonicalizeQuantities(obj(res, 'requests'));
    const limits = obj(res, 'limits');
    if (limits) {
      const req = ensure(res, 'requests');
      for (const [k, v] of Object.entries(limits)) if (!(k in req)) req[k] = v;
    }
  }
}

function defaultItemsFieldRefs(src: J | undefined): void {
  for (const it of arr(src, 'items')) {
    const ref = obj(it, 'fieldRef');
    if (ref) def(ref, 'apiVersion', 'v1');
  }
}

function defaultVolume(v: unknown): void {
  if (!isObj(v)) return;
  if (!POD_VOLUME_SOURCES.some((s) => has(v, s))) v.emptyDir = {};
  const hp = obj(v, 'hostPath');
  if (hp && !has(hp, 'type')) hp.type = '';
  for (const k of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const s = obj(v, k);
    if (s) def(s, 'defaultMode', DEFAULT_MODE);
  }
  defaultItemsFieldRefs(obj(v, 'downwardAPI'));
  for (const src of arr(obj(v, 'projected'), 'sources')) {
    const tok = obj(src, 'serviceAccountToken');
    if (tok) def(tok, 'expirationSeconds', 3600);
    defaultItemsFieldRefs(obj(src, 'downwardAPI'));
  }
  const iscsi = obj(v, 'iscsi');
  if (iscsi) def(iscsi, 'iscsiInterface', 'default');
  const ephemeral = obj(obj(v, 'ephemeral'), 'volumeClaimTemplate');
  if (ephemeral) defaultPvcSpec(ensure(ephemeral, 'spec'));
}

/** SetDefaults_PodSpec + the container/volume defaults + SetDefaults_Pod's enableServiceLinks. */
export function defaultPodSpec(s: J): void {
  def(s, 'dnsPolicy', 'ClusterFirst');
  def(s, 'restartPolicy', 'Always');
  if (!isObj(s.securityContext)) s.securityContext = {};
  if (s.terminationGracePeriodSeconds === undefined || s.terminationGracePeriodSeconds === null) s.terminationGracePeriodSeconds = 30;
  def(s, 'schedulerName', 'default-scheduler');
  if (s.enableServiceLinks === undefined || s.enableServiceLinks === null) s.enableServiceLinks = true;
  for (const c of arr(s, 'containers')) defaultContainer(c);
  for (const c of arr(s, 'initContainers')) defaultContainer(c);
  for (const v of arr(s, 'volumes')) defaultVolume(v);
}
