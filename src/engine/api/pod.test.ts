// Pods: defaults, ServiceAccount/Priority/DefaultTolerationSeconds admission, QoS, graceful deletion and the
// update rules (a pod's spec is immutable except images, activeDeadlineSeconds, tolerations additions…).
import { describe, expect, it } from 'vitest';
import type { KObject } from '../model/types';
import type { Store } from '../store/store';
import { errorOf, newStore, objOf, tryCreate, tryUpdate } from './test-support';

type J = Record<string, unknown>;
const pod = (spec: J, name = 'p'): KObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec });
const ctr = (extra: J = {}): J => ({ name: 'app', image: 'nginx:1.27', ...extra });
const specOf = (o: KObject) => o.spec as J & { containers: J[]; volumes?: J[]; tolerations?: J[] };
const TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

describe('Pod defaults and admission', () => {
  it('gets the PodSpec defaults, the default service account, priority 0 and the 300s NoExecute tolerations', () => {
    const o = objOf(tryCreate(newStore(), pod({ containers: [ctr()] })));
    expect(o.spec).toMatchObject({
      restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler',
      securityContext: {}, enableServiceLinks: true, serviceAccountName: 'default', serviceAccount: 'default',
      priority: 0, preemptionPolicy: 'PreemptLowerPriority',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    });
    expect(specOf(o).containers[0]).toMatchObject({ imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' });
    expect(o.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['registry.k8s.io/nginx-slim:0.7', 'IfNotPresent'],
    ['localhost:5000/app', 'Always'],
    ['nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'IfNotPresent'],
  ])('image %s gets imagePullPolicy %s', (image, policy) => {
    const o = objOf(tryCreate(newStore(), pod({ containers: [ctr({ image })] })));
    expect(specOf(o).containers[0].imagePullPolicy).toBe(policy);
  });

  it('mounts the kube-api-access projected token volume read-only in every container', () => {
    const o = objOf(tryCreate(newStore(), pod({ containers: [ctr(), ctr({ name: 'side' })] })));
    const vol = specOf(o).volumes!.find((v) => String(v.name).startsWith('kube-api-access-'))!;
    expect(String(vol.name)).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(vol.projected).toEqual({
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    });
    for (const c of specOf(o).containers) expect(c.volumeMounts).toEqual([{ name: vol.name, readOnly: true, mountPath: TOKEN_PATH }]);
  });

  it('automountServiceAccountToken: false leaves the pod without the token volume', () => {
    const o = objOf(tryCreate(newStore(), pod({ automountServiceAccountToken: false, containers: [ctr()] })));
    expect(specOf(o).volumes).toBeUndefined();
  });

  it('a named service account must exist ("default" is assumed, as the service-account controller makes it)', () => {
    const s = newStore();
    expect(errorOf(tryCreate(s, pod({ serviceAccountName: 'robot', containers: [ctr()] })))).toBe(
      'pods "p" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found',
    );
  });

  it('a missing service account is refused before validation (ServiceAccount runs in the mutating phase)', () => {
    const s = newStore();
    const r = tryCreate(s, pod({ serviceAccountName: 'robot', containers: [{ name: 'app' }] }));
    expect(r.ok ? '' : r.reason).toBe('Forbidden');
  });

  it("the service account's imagePullSecrets are copied into a pod that names none", () => {
    const s = newStore();
    tryCreate(s, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' }, imagePullSecrets: [{ name: 'regcred' }] });
    expect(objOf(tryCreate(s, pod({ containers: [ctr()] }))).spec).toMatchObject({ imagePullSecrets: [{ name: 'regcred' }] });
  });

  it('an unknown priorityClassName is refused by the Priority plugin', () => {
    expect(errorOf(tryCreate(newStore(), pod({ priorityClassName: 'gold', containers: [ctr()] })))).toBe(
      'pods "p" is forbidden: no PriorityClass with name gold was found',
    );
  });

  it('volume defaults: a volume without a source becomes an emptyDir; configMap/secret get defaultMode 420', () => {
    const o = objOf(tryCreate(newStore(), pod({ automountServiceAccountToken: false, containers: [ctr()], volumes: [{ name: 'scratch' }, { name: 'cfg', configMap: { name: 'c' } }, { name: 'sec', secret: { secretName: 's' } }] })));
    expect(specOf(o).volumes).toEqual([
      { name: 'scratch', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'c', defaultMode: 420 } },
      { name: 'sec', secret: { secretName: 's', defaultMode: 420 } },
    ]);
  });

  it.each([
    ['Guaranteed', { limits: { cpu: '500m', memory: '128Mi' } }],
    ['Burstable', { requests: { memory: '64Mi' } }],
    ['BestEffort', {}],
  ])('QoS class %s', (qos, resources) => {
    const o = objOf(tryCreate(newStore(), pod({ containers: [ctr({ resources })] })));
    expect(o.status).toEqual({ phase: 'Pending', qosClass: qos });
  });

  it('a terminating namespace refuses new pods (NamespaceLifecycle)', () => {
    const s = newStore();
    const ns = structuredClone(s.get('Namespace', undefined, 'default')!);
    ns.status = { phase: 'Terminating' };
    s.updateStatus(ns);
    expect(errorOf(tryCreate(s, pod({ containers: [ctr()] })))).toBe(
      'pods "p" is forbidden: unable to create new content in namespace default because it is being terminated',
    );
  });

  it('a missing namespace is NotFound', () => {
    const o = pod({ containers: [ctr()] });
    o.metadata.namespace = 'nope';
    expect(errorOf(tryCreate(newStore(), o))).toBe('namespaces "nope" not found');
  });
});

describe('Pod volume validation', () => {
  const HOST_PATH_TYPES = '"", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"';
  const pvcVol = { name: 'data', persistentVolumeClaim: { claimName: 'data' } };
  const rejected: [string, J, string][] = [
    ['a mount of an undeclared volume', { containers: [ctr({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })] },
      'spec.containers[0].volumeMounts[0].name: Not found: "data"'],
    ['two volumes with one name', { containers: [ctr()], volumes: [pvcVol, { name: 'data', emptyDir: {} }] }, 'spec.volumes[1].name: Duplicate value: "data"'],
    ['a volume with two sources', { containers: [ctr()], volumes: [{ ...pvcVol, emptyDir: {} }] },
      'spec.volumes[0].persistentVolumeClaim: Forbidden: may not specify more than 1 volume type'],
    ['a claim volume without claimName', { containers: [ctr()], volumes: [{ name: 'data', persistentVolumeClaim: {} }] },
      'spec.volumes[0].persistentVolumeClaim.claimName: Required value'],
    ['two mounts at one path', { containers: [ctr({ volumeMounts: [{ name: 'data', mountPath: '/data' }, { name: 'data', mountPath: '/data' }] })], volumes: [pvcVol] },
      'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique'],
    ['a mount without mountPath', { containers: [ctr({ volumeMounts: [{ name: 'data' }] })], volumes: [pvcVol] },
      'spec.containers[0].volumeMounts[0].mountPath: Required value'],
    // upstream reports subPath problems on the list's path, without the index
    ['an absolute subPath', { containers: [ctr({ volumeMounts: [{ name: 'data', mountPath: '/data', subPath: '/etc' }] })], volumes: [pvcVol] },
      'spec.containers[0].volumeMounts.subPath: Invalid value: "/etc": must be a relative path'],
    ['a subPath that climbs out', { containers: [ctr({ volumeMounts: [{ name: 'data', mountPath: '/data', subPath: 'a/../../b' }] })], volumes: [pvcVol] },
      `spec.containers[0].volumeMounts.subPath: Invalid value: "a/../../b": must not contain '..'`],
    ['subPath together with subPathExpr', { containers: [ctr({ volumeMounts: [{ name: 'data', mountPath: '/data', subPath: 'a', subPathExpr: '$(POD_NAME)' }] })], volumes: [pvcVol] },
      'spec.containers[0].volumeMounts[0].subPathExpr: Invalid value: "$(POD_NAME)": subPathExpr and subPath are mutually exclusive'],
    ['an unknown hostPath type', { containers: [ctr()], volumes: [{ name: 'h', hostPath: { path: '/var/log', type: 'Dir' } }] },
      `spec.volumes[0].hostPath.type: Unsupported value: "Dir": supported values: ${HOST_PATH_TYPES}`],
    ['recursiveReadOnly without readOnly', { containers: [ctr({ volumeMounts: [{ name: 'data', mountPath: '/data', recursiveReadOnly: 'Enabled' }] })], volumes: [pvcVol] },
      'spec.containers[0].volumeMounts.recursiveReadOnly: Forbidden: may only be specified when readOnly is true'],
    ['Bidirectional propagation in an unprivileged container', { containers: [ctr({ volumeMounts: [{ name: 'data', mountPath: '/data', mountPropagation: 'Bidirectional' }] })], volumes: [pvcVol] },
      'spec.containers[0].volumeMounts.mountPropagation: Forbidden: Bidirectional mount propagation is available only to privileged containers'],
    ['a projected source with two kinds', { containers: [ctr()], volumes: [{ name: 'all', projected: { sources: [{ secret: { name: 's' }, configMap: { name: 'c' } }] } }] },
      'spec.volumes[0].projected.sources[0]: Forbidden: may not specify more than 1 volume type'],
    ['a relative NFS path', { containers: [ctr()], volumes: [{ name: 'n', nfs: { server: 'nfs.example', path: 'exports' } }] },
      'spec.volumes[0].nfs.path: Invalid value: "exports": must be an absolute path'],
    ['an init container named like a container', { containers: [ctr()], initContainers: [ctr()] }, 'spec.initContainers[0].name: Duplicate value: "app"'],
    ['an ephemeral volume without a claim template', { containers: [ctr()], volumes: [{ name: 'scratch', ephemeral: {} }] },
      'spec.volumes[0].ephemeral.volumeClaimTemplate: Required value'],
    ['an ephemeral claim template without access modes', { containers: [ctr()], volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: { resources: { requests: { storage: '1Gi' } } } } } }] },
      'spec.volumes[0].ephemeral.volumeClaimTemplate.spec.accessModes: Required value: at least 1 access mode is required'],
    ['a claim volume naming the claim of its own ephemeral volume', { containers: [ctr()], volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } } }, { name: 'again', persistentVolumeClaim: { claimName: 'p-scratch' } }] },
      'spec.volumes[1].persistentVolumeClaim.claimName: Invalid value: "p-scratch": must not reference a PVC that gets created for an ephemeral volume'],
    ['no containers', { containers: [] }, 'spec.containers: Required value'],
    ['a container without image', { containers: [{ name: 'app' }] }, 'spec.containers[0].image: Required value'],
    ['an unknown restart policy', { restartPolicy: 'Sometimes', containers: [ctr()] },
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
  ];
  it.each(rejected)('rejects %s', (_n, spec, message) => {
    expect(errorOf(tryCreate(newStore(), pod({ automountServiceAccountToken: false, ...spec })))).toBe(`Pod "p" is invalid: ${message}`);
  });

  it('a mount of an invalid volume is "Not found" as well', () => {
    const spec = { automountServiceAccountToken: false, containers: [ctr({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })], volumes: [{ name: 'data', persistentVolumeClaim: {} }] };
    expect(errorOf(tryCreate(newStore(), pod(spec)))).toBe(
      'Pod "p" is invalid: [spec.volumes[0].persistentVolumeClaim.claimName: Required value, spec.containers[0].volumeMounts[0].name: Not found: "data"]',
    );
  });
});

describe('Pod update and delete', () => {
  const UPDATABLE =
    'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';
  const created = (spec: J = { containers: [ctr()] }): { s: Store; o: KObject } => {
    const s = newStore();
    return { s, o: objOf(tryCreate(s, pod(spec))) };
  };

  it('the image may change', () => {
    const { s, o } = created();
    const n = structuredClone(o);
    specOf(n).containers[0].image = 'nginx:1.28';
    expect(specOf(objOf(tryUpdate(s, n))).containers[0].image).toBe('nginx:1.28');
  });

  it('spec.nodeName may not be changed by an update (only pods/binding sets it)', () => {
    const { s, o } = created();
    s.bindPod({ namespace: 'default', name: 'p', nodeName: 'node-a' });
    const n = structuredClone(s.get('Pod', 'default', 'p')!);
    (n.spec as J).nodeName = 'node-b';
    const msg = errorOf(tryUpdate(s, n));
    expect(msg.startsWith(`Pod "p" is invalid: spec: Forbidden: ${UPDATABLE}\n  core.PodSpec{`)).toBe(true);
    expect(msg).toContain('- \tNodeName: "node-a",\n+ \tNodeName: "node-b",');
    void o;
  });

  it('a volume cannot be added to an existing pod', () => {
    const { s, o } = created();
    const n = structuredClone(o);
    specOf(n).volumes = [...(specOf(n).volumes ?? []), { name: 'data', persistentVolumeClaim: { claimName: 'data' } }];
    expect(errorOf(tryUpdate(s, n)).startsWith(`Pod "p" is invalid: spec: Forbidden: ${UPDATABLE}\n`)).toBe(true);
  });

  it('containers cannot be added', () => {
    const { s, o } = created();
    const n = structuredClone(o);
    specOf(n).containers.push(ctr({ name: 'side' }));
    expect(errorOf(tryUpdate(s, n))).toContain('spec.containers: Forbidden: pod updates may not add or remove containers');
  });

  it('tolerations may be added but an existing one not changed (except tolerationSeconds)', () => {
    const { s, o } = created({ containers: [ctr()], tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }] });
    const add = structuredClone(o);
    specOf(add).tolerations!.push({ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' });
    const added = objOf(tryUpdate(s, add));
    const change = structuredClone(added);
    specOf(change).tolerations![0].value = 'web';
    expect(errorOf(tryUpdate(s, change))).toBe('Pod "p" is invalid: spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds');
  });

  it('activeDeadlineSeconds may only shrink', () => {
    const { s, o } = created({ containers: [ctr()], activeDeadlineSeconds: 100 });
    const n = structuredClone(o);
    (n.spec as J).activeDeadlineSeconds = 200;
    expect(errorOf(tryUpdate(s, n))).toBe('Pod "p" is invalid: spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value');
  });

  it('an unscheduled pod is deleted at once', () => {
    const { s } = created();
    s.delete('Pod', 'default', 'p');
    expect(s.get('Pod', 'default', 'p')).toBeUndefined();
  });

  it('a scheduled pod gets its terminationGracePeriodSeconds (30) and stays for the kubelet', () => {
    const { s } = created();
    s.bindPod({ namespace: 'default', name: 'p', nodeName: 'node-a' });
    const o = s.delete('Pod', 'default', 'p').obj;
    expect(o.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(o.metadata.deletionTimestamp).toBe('2025-01-01T00:00:30Z');
  });

  it('--grace-period=0 on a scheduled pod deletes at once', () => {
    const { s } = created();
    s.bindPod({ namespace: 'default', name: 'p', nodeName: 'node-a' });
    s.delete('Pod', 'default', 'p', { gracePeriodSeconds: 0 });
    expect(s.get('Pod', 'default', 'p')).toBeUndefined();
  });
});
