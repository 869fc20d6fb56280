// Who a provisioner is, as it tells the API server: the event source of everything it records and the
// identity stamped into the PVs it creates. Drawn once per driver from the seeded RNG, so a replay with
// the same seed names the same provisioner.
import type { Rng } from '../../random/rng';
import type { DriverSpec } from '../../storage/cluster-config';

export interface ProvisionerIdentity {
  /** event source: sig-storage-lib-external-provisioner's `<provisioner>_<hostname>_<uuid>` */
  readonly component: string;
  /** csi-provisioner's `storage.kubernetes.io/csiProvisionerIdentity`: `<start ms>-<rand 0..9999>-<driver>` */
  readonly csiIdentity: string;
  /** minikube's hostPathProvisioner identity: its own uuid.NewUUID(), stamped as hostPathProvisionerIdentity */
  readonly hostPathIdentity: string;
}

export function makeIdentity(driver: DriverSpec, startMs: number, rng: Rng): ProvisionerIdentity {
  const uuid = rng.uuid();
  return {
    component: `${driver.provisionerIdentity}_${uuid}`,
    csiIdentity: `${startMs}-${rng.int(0, 9999)}-${driver.name}`,
    hostPathIdentity: rng.uuid(),
  };
}
