// The Go types the apiserver decodes a request into, as far as decoding errors need them: JSON field →
// type, the Go struct names encoding/json prints (`Go struct field DeploymentSpec.spec.replicas of type int32`),
// and which structs are fully listed here (`closed`) so strict field validation can report unknown fields.
// Structs not marked closed are only type-checked on the fields listed.

export type T =
  | { readonly t: 'string' | 'bool' | 'int32' | 'int64' | 'quantity' | 'intstr' | 'any'; readonly go?: string }
  | { readonly t: 'array'; readonly of: T; readonly go: string }
  | { readonly t: 'map'; readonly of: T; readonly go: string }
  | { readonly t: 'struct'; readonly go: string; readonly fields: () => Readonly<Record<string, T>>; readonly closed?: boolean };

const s = (go = 'string'): T => ({ t: 'string', go });
const b: T = { t: 'bool', go: 'bool' };
const i32: T = { t: 'int32', go: 'int32' };
const i64: T = { t: 'int64', go: 'int64' };
const q: T = { t: 'quantity', go: 'resource.Quantity' };
const intstr: T = { t: 'intstr', go: 'intstr.IntOrString' };
const any: T = { t: 'any' };
const arr = (of: T, go: string): T => ({ t: 'array', of, go });
const strMap: T = { t: 'map', of: s(), go: 'map[string]string' };
const strs: T = arr(s(), '[]string');
const resourceList: T = { t: 'map', of: q, go: 'v1.ResourceList' };
const struct = (go: string, fields: () => Record<string, T>, closed = false): T => ({ t: 'struct', go, fields, closed });
const open = (go: string): T => struct(go, () => ({}));

export const OBJECT_META: T = struct(
  'ObjectMeta',
  () => ({
    name: s(), generateName: s(), namespace: s(), selfLink: s(), uid: s('types.UID'), resourceVersion: s(),
    generation: i64, creationTimestamp: any, deletionTimestamp: any, deletionGracePeriodSeconds: i64,
    labels: strMap, annotations: strMap, ownerReferences: arr(open('OwnerReference'), '[]v1.OwnerReference'),
    finalizers: strs, managedFields: arr(open('ManagedFieldsEntry'), '[]v1.ManagedFieldsEntry'),
  }),
  true,
);

const LABEL_SELECTOR = struct('LabelSelector', () => ({
  matchLabels: strMap,
  matchExpressions: arr(open('LabelSelectorRequirement'), '[]v1.LabelSelectorRequirement'),
}), true);

const SECRET_REF = (go: string) => struct(go, () => ({ name: s(), namespace: s() }), true);
const LOCAL_REF = struct('LocalObjectReference', () => ({ name: s() }), true);
const KEY_TO_PATH = arr(struct('KeyToPath', () => ({ key: s(), path: s(), mode: i32 }), true), '[]v1.KeyToPath');
const NODE_SELECTOR_REQ = struct('NodeSelectorRequirement', () => ({ key: s(), operator: s('v1.NodeSelectorOperator'), values: strs }), true);
const NODE_SELECTOR = struct('NodeSelector', () => ({
  nodeSelectorTerms: arr(struct('NodeSelectorTerm', () => ({
    matchExpressions: arr(NODE_SELECTOR_REQ, '[]v1.NodeSelectorRequirement'),
    matchFields: arr(NODE_SELECTOR_REQ, '[]v1.NodeSelectorRequirement'),
  }), true), '[]v1.NodeSelectorTerm'),
}), true);
const OBJECT_REF = struct('ObjectReference', () => ({
  kind: s(), namespace: s(), name: s(), uid: s('types.UID'), apiVersion: s(), resourceVersion: s(), fieldPath: s(),
}), true);
const TYPED_LOCAL_REF = struct('TypedLocalObjectReference', () => ({ apiGroup: s(), kind: s(), name: s() }), true);
const TYPED_REF = struct('TypedObjectReference', () => ({ apiGroup: s(), kind: s(), name: s(), namespace: s() }), true);

const VOLUME_MOUNT = struct('VolumeMount', () => ({
  name: s(), readOnly: b, recursiveReadOnly: s('v1.RecursiveReadOnlyMode'), mountPath: s(), subPath: s(),
  mountPropagation: s('v1.MountPropagationMode'), subPathExpr: s(),
}), true);

const RESOURCES = struct('ResourceRequirements', () => ({ limits: resourceList, requests: resourceList, claims: any }), true);
const ENV_VAR = struct('EnvVar', () => ({ name: s(), value: s(), valueFrom: any }), true);
const PORT = struct('ContainerPort', () => ({ name: s(), hostPort: i32, containerPort: i32, protocol: s('v1.Protocol'), hostIP: s() }), true);

const CONTAINER = struct('Container', () => ({
  name: s(), image: s(), command: strs, args: strs, workingDir: s(), ports: arr(PORT, '[]v1.ContainerPort'),
  envFrom: any, env: arr(ENV_VAR, '[]v1.EnvVar'), resources: RESOURCES, resizePolicy: any, restartPolicy: s('v1.ContainerRestartPolicy'),
  volumeMounts: arr(VOLUME_MOUNT, '[]v1.VolumeMount'), volumeDevices: any, livenessProbe: any, readinessProbe: any,
  startupProbe: any, lifecycle: any, terminationMessagePath: s(), terminationMessagePolicy: s('v1.TerminationMessagePolicy'),
  imagePullPolicy: s('v1.PullPolicy'), securityContext: any, stdin: b, stdinOnce: b, tty: b,
}), true);

const PVC_SPEC = struct('PersistentVolumeClaimSpec', () => ({
  accessModes: arr(s('v1.PersistentVolumeAccessMode'), '[]v1.PersistentVolumeAccessMode'),
  selector: LABEL_SELECTOR,
  resources: struct('VolumeResourceRequirements', () => ({ limits: resourceList, requests: resourceList }), true),
  volumeName: s(), storageClassName: s(), volumeMode: s('v1.PersistentVolumeMode'),
  dataSource: TYPED_LOCAL_REF, dataSourceRef: TYPED_REF, volumeAttributesClassName: s(),
}), true);

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile',
  'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume',
  'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
];

const VOLUME = struct('Volume', () => {
  const f: Record<string, T> = { name: s() };
  for (const k of VOLUME_SOURCES) f[k] = open(k);
  f.hostPath = struct('HostPathVolumeSource', () => ({ path: s(), type: s('v1.HostPathType') }), true);
  f.persistentVolumeClaim = struct('PersistentVolumeClaimVolumeSource', () => ({ claimName: s(), readOnly: b }), true);
  f.emptyDir = struct('EmptyDirVolumeSource', () => ({ medium: s('v1.StorageMedium'), sizeLimit: q }), true);
  f.nfs = struct('NFSVolumeSource', () => ({ server: s(), path: s(), readOnly: b }), true);
  f.configMap = struct('ConfigMapVolumeSource', () => ({ name: s(), items: KEY_TO_PATH, defaultMode: i32, optional: b }), true);
  f.secret = struct('SecretVolumeSource', () => ({ secretName: s(), items: KEY_TO_PATH, defaultMode: i32, optional: b }), true);
  f.projected = struct('ProjectedVolumeSource', () => ({ sources: any, defaultMode: i32 }), true);
  f.csi = struct('CSIVolumeSource', () => ({ driver: s(), readOnly: b, fsType: s(), volumeAttributes: strMap, nodePublishSecretRef: LOCAL_REF }), true);
  f.ephemeral = struct('EphemeralVolumeSource', () => ({
    volumeClaimTemplate: struct('PersistentVolumeClaimTemplate', () => ({ metadata: OBJECT_META, spec: PVC_SPEC }), true),
  }), true);
  return f;
}, true);

const POD_SPEC = struct('PodSpec', () => ({
  volumes: arr(VOLUME, '[]v1.Volume'), initContainers: arr(CONTAINER, '[]v1.Container'), containers: arr(CONTAINER, '[]v1.Container'),
  ephemeralContainers: any, restartPolicy: s('v1.RestartPolicy'), terminationGracePeriodSeconds: i64, activeDeadlineSeconds: i64,
  dnsPolicy: s('v1.DNSPolicy'), nodeSelector: strMap, serviceAccountName: s(), serviceAccount: s(), automountServiceAccountToken: b,
  nodeName: s(), hostNetwork: b, hostPID: b, hostIPC: b, shareProcessNamespace: b, securityContext: any, imagePullSecrets: any,
  hostname: s(), subdomain: s(), affinity: any, schedulerName: s(), tolerations: any, hostAliases: any, priorityClassName: s(),
  priority: i32, dnsConfig: any, readinessGates: any, runtimeClassName: s(), enableServiceLinks: b, preemptionPolicy: s('v1.PreemptionPolicy'),
  overhead: resourceList, topologySpreadConstraints: any, setHostnameAsFQDN: b, os: any, hostUsers: b, schedulingGates: any,
  resourceClaims: any, resources: RESOURCES,
}), true);

const POD_TEMPLATE = struct('PodTemplateSpec', () => ({ metadata: OBJECT_META, spec: POD_SPEC }), true);

const top = (go: string, extra: Record<string, T>, closed = true): T =>
  struct(go, () => ({ apiVersion: s(), kind: s(), metadata: OBJECT_META, ...extra }), closed);

const PV_SPEC = struct('PersistentVolumeSpec', () => {
  const f: Record<string, T> = {
    capacity: resourceList, accessModes: arr(s('v1.PersistentVolumeAccessMode'), '[]v1.PersistentVolumeAccessMode'),
    claimRef: OBJECT_REF, persistentVolumeReclaimPolicy: s('v1.PersistentVolumeReclaimPolicy'), storageClassName: s(),
    mountOptions: strs, volumeMode: s('v1.PersistentVolumeMode'),
    nodeAffinity: struct('VolumeNodeAffinity', () => ({ required: NODE_SELECTOR }), true), volumeAttributesClassName: s(),
  };
  for (const k of ['hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'glusterfs', 'flocker', 'nfs', 'rbd', 'quobyte', 'cephfs', 'iscsi', 'cinder', 'fc', 'flexVolume', 'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'scaleIO', 'local', 'storageos', 'csi'])
    f[k] = open(k);
  f.hostPath = struct('HostPathVolumeSource', () => ({ path: s(), type: s('v1.HostPathType') }), true);
  f.nfs = struct('NFSVolumeSource', () => ({ server: s(), path: s(), readOnly: b }), true);
  f.local = struct('LocalVolumeSource', () => ({ path: s(), fsType: s() }), true);
  f.csi = struct('CSIPersistentVolumeSource', () => ({
    driver: s(), volumeHandle: s(), readOnly: b, fsType: s(), volumeAttributes: strMap,
    controllerPublishSecretRef: SECRET_REF('SecretReference'), nodeStageSecretRef: SECRET_REF('SecretReference'),
    nodePublishSecretRef: SECRET_REF('SecretReference'), controllerExpandSecretRef: SECRET_REF('SecretReference'),
    nodeExpandSecretRef: SECRET_REF('SecretReference'),
  }), true);
  return f;
}, true);

const status = open('Status');

export const KIND_SCHEMAS: Readonly<Record<string, T>> = {
  PersistentVolume: top('PersistentVolume', { spec: PV_SPEC, status }),
  PersistentVolumeClaim: top('PersistentVolumeClaim', { spec: PVC_SPEC, status }),
  StorageClass: top('StorageClass', {
    provisioner: s(), parameters: strMap, reclaimPolicy: s('v1.PersistentVolumeReclaimPolicy'), mountOptions: strs,
    allowVolumeExpansion: b, volumeBindingMode: s('v1.VolumeBindingMode'),
    allowedTopologies: arr(struct('TopologySelectorTerm', () => ({
      matchLabelExpressions: arr(struct('TopologySelectorLabelRequirement', () => ({ key: s(), values: strs }), true), '[]v1.TopologySelectorLabelRequirement'),
    }), true), '[]v1.TopologySelectorTerm'),
  }),
  Pod: top('Pod', { spec: POD_SPEC, status }),
  Deployment: top('Deployment', {
    spec: struct('DeploymentSpec', () => ({
      replicas: i32, selector: LABEL_SELECTOR, template: POD_TEMPLATE,
      strategy: struct('DeploymentStrategy', () => ({
        type: s('v1.DeploymentStrategyType'),
        rollingUpdate: struct('RollingUpdateDeployment', () => ({ maxUnavailable: intstr, maxSurge: intstr }), true),
      }), true),
      minReadySeconds: i32,
      revisionHistoryLimit: i32, paused: b, progressDeadlineSeconds: i32,
    }), true),
    status,
  }),
  ReplicaSet: top('ReplicaSet', {
    spec: struct('ReplicaSetSpec', () => ({ replicas: i32, minReadySeconds: i32, selector: LABEL_SELECTOR, template: POD_TEMPLATE }), true),
    status,
  }),
  StatefulSet: top('StatefulSet', {
    spec: struct('StatefulSetSpec', () => ({
      replicas: i32, selector: LABEL_SELECTOR, template: POD_TEMPLATE,
      volumeClaimTemplates: arr(top('PersistentVolumeClaim', { spec: PVC_SPEC, status }), '[]v1.PersistentVolumeClaim'),
      serviceName: s(), podManagementPolicy: s('v1.PodManagementPolicyType'),
      updateStrategy: struct('StatefulSetUpdateStrategy', () => ({
        type: s('v1.StatefulSetUpdateStrategyType'),
        rollingUpdate: struct('RollingUpdateStatefulSetStrategy', () => ({ partition: i32, maxUnavailable: intstr }), true),
      }), true),
      revisionHistoryLimit: i32, minReadySeconds: i32,
      persistentVolumeClaimRetentionPolicy: struct('StatefulSetPersistentVolumeClaimRetentionPolicy', () => ({
        whenDeleted: s('v1.PersistentVolumeClaimRetentionPolicyType'), whenScaled: s('v1.PersistentVolumeClaimRetentionPolicyType'),
      }), true),
      ordinals: struct('StatefulSetOrdinals', () => ({ start: i32 }), true),
    }), true),
    status,
  }),
  ConfigMap: top('ConfigMap', { data: strMap, binaryData: any, immutable: b }),
  Secret: top('Secret', { data: any, stringData: strMap, type: s('v1.SecretType'), immutable: b }),
  Service: top('Service', {
    spec: struct('ServiceSpec', () => ({
      ports: arr(struct('ServicePort', () => ({ name: s(), protocol: s('v1.Protocol'), appProtocol: s(), port: i32, targetPort: intstr, nodePort: i32 }), true), '[]v1.ServicePort'),
      selector: strMap, clusterIP: s(), clusterIPs: strs, type: s('v1.ServiceType'), externalIPs: strs, sessionAffinity: s('v1.ServiceAffinity'),
      loadBalancerIP: s(), loadBalancerSourceRanges: strs, externalName: s(), externalTrafficPolicy: s('v1.ServiceExternalTrafficPolicy'),
      healthCheckNodePort: i32, publishNotReadyAddresses: b, sessionAffinityConfig: any, ipFamilies: any, ipFamilyPolicy: any,
      allocateLoadBalancerNodePorts: b, loadBalancerClass: s(), internalTrafficPolicy: any, trafficDistribution: s(),
    }), true),
    status,
  }),
  Namespace: top('Namespace', { spec: open('NamespaceSpec'), status }),
  ServiceAccount: top('ServiceAccount', { secrets: any, imagePullSecrets: any, automountServiceAccountToken: b }),
};
