// Field documentation for `kubectl explain`, from the Kubernetes v1.32 OpenAPI (the comments in
// k8s.io/api core/v1 and storage/v1 types.go), for the storage kinds and the fields the lessons use.

export interface FieldDoc {
  readonly type: string;
  readonly description: string;
  readonly required?: boolean;
  /** nested fields, when the type is an object */
  readonly fields?: Readonly<Record<string, FieldDoc>>;
}

export interface KindDoc {
  readonly description: string;
  readonly fields: Readonly<Record<string, FieldDoc>>;
}

const API_VERSION: FieldDoc = {
  type: 'string',
  description:
    'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
};
const KIND: FieldDoc = {
  type: 'string',
  description:
    'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
};
const METADATA: FieldDoc = {
  type: 'ObjectMeta',
  description: "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
};

const ACCESS_MODES_PVC: FieldDoc = {
  type: '[]string',
  description: 'accessModes contains the desired access modes the volume should have. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1',
};

const PVC_SPEC: Record<string, FieldDoc> = {
  accessModes: ACCESS_MODES_PVC,
  dataSource: {
    type: 'TypedLocalObjectReference',
    description:
      'dataSource field can be used to specify either: * An existing VolumeSnapshot object (snapshot.storage.k8s.io/VolumeSnapshot) * An existing PVC (PersistentVolumeClaim) If the provisioner or an external controller can support the specified data source, it will create a new volume based on the contents of the specified data source. When the AnyVolumeDataSource feature gate is enabled, dataSource contents will be copied to dataSourceRef, and dataSourceRef contents will be copied to dataSource when dataSourceRef.namespace is not specified. If the namespace is specified, then dataSourceRef will not be copied to dataSource.',
  },
  resources: {
    type: 'VolumeResourceRequirements',
    description:
      'resources represents the minimum resources the volume should have. If RecoverVolumeExpansionFailure feature is enabled users are allowed to specify resource requirements that are lower than previous value but must still be higher than capacity recorded in the status field of the claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#resources',
    fields: {
      limits: {
        type: 'map[string]Quantity',
        description: 'Limits describes the maximum amount of compute resources allowed. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
      },
      requests: {
        type: 'map[string]Quantity',
        description:
          'Requests describes the minimum amount of compute resources required. If Requests is omitted for a container, it defaults to Limits if that is explicitly specified, otherwise to an implementation-defined value. Requests cannot exceed Limits. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
      },
    },
  },
  selector: { type: 'LabelSelector', description: 'selector is a label query over volumes to consider for binding.' },
  storageClassName: {
    type: 'string',
    description: 'storageClassName is the name of the StorageClass required by the claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#class-1',
  },
  volumeAttributesClassName: {
    type: 'string',
    description:
      "volumeAttributesClassName may be used to set the VolumeAttributesClass used by this claim. If specified, the CSI driver will create or update the volume with the attributes defined in the corresponding VolumeAttributesClass. This has a different purpose than storageClassName, it can be changed after the claim is created. An empty string value means that no VolumeAttributesClass will be applied to the claim but it's not allowed to reset this field to empty string once it is set. If unspecified and the PersistentVolumeClaim is unbound, the default VolumeAttributesClass will be set by the persistentvolume controller if it exists. If the resource referred to by volumeAttributesClass does not exist, this PersistentVolumeClaim will be set to a Pending state, as reflected by the modifyVolumeStatus field, until such as a resource exists. More info: https://kubernetes.io/docs/concepts/storage/volume-attributes-classes/ (Beta) Using this field requires the VolumeAttributesClass feature gate to be enabled (off by default).",
  },
  volumeMode: {
    type: 'string',
    description: 'volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec.',
  },
  volumeName: { type: 'string', description: 'volumeName is the binding reference to the PersistentVolume backing this claim.' },
};

const PV_SPEC: Record<string, FieldDoc> = {
  accessModes: {
    type: '[]string',
    description: 'accessModes contains all ways the volume can be mounted. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes',
  },
  capacity: {
    type: 'map[string]Quantity',
    description: "capacity is the description of the persistent volume's resources and capacity. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#capacity",
  },
  claimRef: {
    type: 'ObjectReference',
    description:
      'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim. Expected to be non-nil when bound. claim.VolumeName is the authoritative bind between PV and PVC. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#binding',
  },
  csi: { type: 'CSIPersistentVolumeSource', description: 'csi represents storage that is handled by an external CSI driver.' },
  hostPath: {
    type: 'HostPathVolumeSource',
    description:
      'hostPath represents a directory on the host. Provisioned by a developer or tester. This is useful for single-node development and testing only! On-host storage is not supported in any way and WILL NOT WORK in a multi-node cluster. More info: https://kubernetes.io/docs/concepts/storage/volumes#hostpath',
  },
  local: { type: 'LocalVolumeSource', description: 'local represents directly-attached storage with node affinity' },
  mountOptions: {
    type: '[]string',
    description:
      'mountOptions is the list of mount options, e.g. ["ro", "soft"]. Not validated - mount will simply fail if one is invalid. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes/#mount-options',
  },
  nfs: { type: 'NFSVolumeSource', description: 'nfs represents an NFS mount on the host. Provisioned by an admin. More info: https://kubernetes.io/docs/concepts/storage/volumes#nfs' },
  nodeAffinity: {
    type: 'VolumeNodeAffinity',
    description: 'nodeAffinity defines constraints that limit what nodes this volume can be accessed from. This field influences the scheduling of pods that use this volume.',
  },
  persistentVolumeReclaimPolicy: {
    type: 'string',
    description:
      'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim. Valid options are Retain (default for manually created PersistentVolumes), Delete (default for dynamically provisioned PersistentVolumes), and Recycle (deprecated). Recycle must be supported by the volume plugin underlying this PersistentVolume. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#reclaiming',
  },
  storageClassName: {
    type: 'string',
    description: 'storageClassName is the name of StorageClass to which this persistent volume belongs. Empty value means that this volume does not belong to any StorageClass.',
  },
  volumeMode: {
    type: 'string',
    description:
      'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state. Value of Filesystem is implied when not included in spec.',
  },
};

export const EXPLAIN: Readonly<Record<string, KindDoc>> = {
  PersistentVolumeClaim: {
    description: "PersistentVolumeClaim is a user's request for and claim to a persistent volume",
    fields: {
      apiVersion: API_VERSION,
      kind: KIND,
      metadata: METADATA,
      spec: {
        type: 'PersistentVolumeClaimSpec',
        description:
          'spec defines the desired characteristics of a volume requested by a pod author. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistentvolumeclaims',
        fields: PVC_SPEC,
      },
      status: {
        type: 'PersistentVolumeClaimStatus',
        description:
          'status represents the current information/status of a persistent volume claim. Read-only. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistentvolumeclaims',
      },
    },
  },
  PersistentVolume: {
    description: 'PersistentVolume (PV) is a storage resource provisioned by an administrator. It is analogous to a node. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes',
    fields: {
      apiVersion: API_VERSION,
      kind: KIND,
      metadata: METADATA,
      spec: {
        type: 'PersistentVolumeSpec',
        description:
          'spec defines a specification of a persistent volume owned by the cluster. Provisioned by an administrator. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistent-volumes',
        fields: PV_SPEC,
      },
      status: {
        type: 'PersistentVolumeStatus',
        description:
          'status represents the current information/status for the persistent volume. Populated by the system. Read-only. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistent-volumes',
      },
    },
  },
  StorageClass: {
    description:
      'StorageClass describes the parameters for a class of storage for which PersistentVolumes can be dynamically provisioned.\n\nStorageClasses are non-namespaced; the name of the storage class according to etcd is in ObjectMeta.Name.',
    fields: {
      allowVolumeExpansion: { type: 'boolean', description: 'allowVolumeExpansion shows whether the storage class allow volume expand.' },
      allowedTopologies: {
        type: '[]TopologySelectorTerm',
        description:
          'allowedTopologies restrict the node topologies where volumes can be dynamically provisioned. Each volume plugin defines its own supported topology specifications. An empty TopologySelectorTerm list means there is no topology restriction. This field is only honored by servers that enable the VolumeScheduling feature.',
      },
      apiVersion: API_VERSION,
      kind: KIND,
      metadata: METADATA,
      mountOptions: {
        type: '[]string',
        description:
          'mountOptions controls the mountOptions for dynamically provisioned PersistentVolumes of this storage class. e.g. ["ro", "soft"]. Not validated - mount of the PVs will simply fail if one is invalid.',
      },
      parameters: { type: 'map[string]string', description: 'parameters holds the parameters for the provisioner that should create volumes of this storage class.' },
      provisioner: { type: 'string', required: true, description: 'provisioner indicates the type of the provisioner.' },
      reclaimPolicy: {
        type: 'string',
        description: 'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete.',
      },
      volumeBindingMode: {
        type: 'string',
        description:
          'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used. This field is only honored by servers that enable the VolumeScheduling feature.',
      },
    },
  },
};
