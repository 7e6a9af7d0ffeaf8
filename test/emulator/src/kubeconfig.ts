import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

export interface KubeconfigInput {
  server: string;
  caCertificate: string;
  token: string;
  namespace?: string;
  contextName?: string;
}

/** A kubeconfig for the emulator: https with its own CA, a bearer token, mode 0600. */
export function writeKubeconfig(file: string, input: KubeconfigInput): void {
  const context = input.contextName ?? 'emulator';
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: context, cluster: { server: input.server, 'certificate-authority-data': Buffer.from(input.caCertificate).toString('base64') } }],
    users: [{ name: `${context}-admin`, user: { token: input.token } }],
    contexts: [{ name: context, context: { cluster: context, user: `${context}-admin`, namespace: input.namespace ?? 'default' } }],
    'current-context': context,
    preferences: {},
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, YAML.stringify(config), { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}
