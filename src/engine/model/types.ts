// Object shapes. Field names are the Kubernetes API's, verbatim; the types come from `kubernetes-types`
// (plain interfaces, no runtime), so a user's YAML goes in unchanged and comes out as a cluster prints it.
import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';
import type {
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  Node,
  Namespace,
  Event,
  ConfigMap,
  Secret,
  ServiceAccount,
  Service,
} from 'kubernetes-types/core/v1';
import type { StorageClass, CSIDriver, CSINode, VolumeAttachment } from 'kubernetes-types/storage/v1';
import type { Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';

export type {
  ObjectMeta,
  OwnerReference,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  Node,
  Namespace,
  Event,
  ConfigMap,
  Secret,
  ServiceAccount,
  Service,
  StorageClass,
  CSIDriver,
  CSINode,
  VolumeAttachment,
  Deployment,
  ReplicaSet,
  StatefulSet,
};

/** kubernetes-types marks every field readonly; working copies (clones being edited) use this. */
export type DeepMutable<T> = T extends (infer U)[]
  ? DeepMutable<U>[]
  : T extends readonly (infer U)[]
    ? DeepMutable<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: DeepMutable<T[K]> }
      : T;

export type Meta = DeepMutable<ObjectMeta> & { name: string };

/** Any stored object: apiVersion, kind and metadata are always present once stored. */
export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: Meta;
  [field: string]: unknown;
}

/** A typed, editable object as stored (metadata.name always set). */
export type Obj<T> = DeepMutable<Omit<T, 'metadata'>> & { apiVersion: string; kind: string; metadata: Meta };

export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
}

export function refOf(o: KObject): ObjectRef {
  return { kind: o.kind, namespace: o.metadata.namespace || undefined, name: o.metadata.name };
}

/** Deep copy of plain API data (objects are JSON-shaped). */
export function clone<T>(v: T): T {
  return structuredClone(v);
}
