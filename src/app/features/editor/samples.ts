// The lesson's manifests (the course's screenshots are lost, so these restate its text: a 5Gi
// ReadWriteMany NAS PV with Retain, the claim nas-pvc, a 2-replica Deployment with pod anti-affinity
// mounting it at /data in container nas-container; the csi-disk StorageClass and a 30Gi RWO claim).
export const SAMPLE_NAS = `apiVersion: v1
kind: PersistentVolume
metadata:
  name: nas-csi-pv
spec:
  capacity:
    storage: 5Gi
  accessModes:
    - ReadWriteMany
  persistentVolumeReclaimPolicy: Retain
  csi:
    driver: nasplugin.csi.alibabacloud.com
    volumeHandle: nas-csi-pv
    volumeAttributes:
      server: "2564f49129-ysu87.cn-shenzhen.nas.aliyuncs.com"
      path: "/csi"
      vers: "3"
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: nas-pvc
spec:
  accessModes:
    - ReadWriteMany
  storageClassName: ""
  resources:
    requests:
      storage: 5Gi
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: nas-static
  labels:
    app: nginx
spec:
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - labelSelector:
                matchLabels:
                  app: nginx
              topologyKey: kubernetes.io/hostname
      containers:
        - name: nas-container
          image: nginx
          volumeMounts:
            - name: pvc-nas
              mountPath: /data
      volumes:
        - name: pvc-nas
          persistentVolumeClaim:
            claimName: nas-pvc
`;

export const SAMPLE_DISK = `# The administrator's StorageClass csi-disk comes with the cluster (kubectl get sc csi-disk -o yaml).
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: disk-pvc
spec:
  accessModes:
    - ReadWriteOnce
  storageClassName: csi-disk
  resources:
    requests:
      storage: 30Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: disk-pod
spec:
  containers:
    - name: disk-container
      image: nginx
      volumeMounts:
        - name: disk-pvc
          mountPath: /data
  volumes:
    - name: disk-pvc
      persistentVolumeClaim:
        claimName: disk-pvc
`;

export const SAMPLE_POD = `apiVersion: v1
kind: Pod
metadata:
  name: volumes-demo
spec:
  containers:
    - name: writer
      image: busybox
      command: ["sh", "-c", "sleep 3600"]
      volumeMounts:
        - name: cache-volume
          mountPath: /cache
          subPath: cache1
        - name: host-volume
          mountPath: /host
    - name: reader
      image: busybox
      command: ["sh", "-c", "sleep 3600"]
      volumeMounts:
        - name: cache-volume
          mountPath: /cache
          subPath: cache2
          readOnly: true
  volumes:
    - name: cache-volume
      emptyDir: {}
    - name: host-volume
      hostPath:
        path: /tmp/data
        type: DirectoryOrCreate
`;

export const SAMPLES = { nas: SAMPLE_NAS, disk: SAMPLE_DISK, pod: SAMPLE_POD, empty: '' } as const;
export type SampleId = keyof typeof SAMPLES;
