// Every kind's API-server behaviour (defaults, validation, status handling) and the admission chain,
// in the order kube-apiserver runs its plugins.
import type { AdmissionPlugin, KindStrategy } from '../store/strategy';

export const STRATEGIES: readonly KindStrategy[] = [];

export const ADMISSION: readonly AdmissionPlugin[] = [];
