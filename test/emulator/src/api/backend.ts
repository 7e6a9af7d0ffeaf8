import type { AdmissionContext } from '../defaults.js';
import type { LogOptions, LogSource } from '../kubelet/logs.js';
import type { Store } from '../store.js';

/** What the API server needs from the rest of the emulator. */
export interface ApiBackend {
  store: Store;
  token: string;
  admission: AdmissionContext;
  logs(namespace: string, pod: string, options: LogOptions): LogSource;
  /** Where `services/NAME[:PORT]/proxy` or `pods/NAME[:PORT]/proxy` sends a request. */
  proxyTarget(kind: 'pods' | 'services', namespace: string, nameAndPort: string): { host: string; port: number };
  /** Called for every request with its status, for debugging (`EMULATOR_LOG_REQUESTS=1`). */
  onRequest?(method: string, url: string, status: number, milliseconds: number): void;
}
