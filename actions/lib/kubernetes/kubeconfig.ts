import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigurationError, describeError } from '../errors.js';
import { registerSecret } from '../secrets.js';

export interface KubeconfigFile {
  path: string;
  /** Removes the file when the action wrote it; leaves a user's KUBECONFIG alone. */
  dispose(): Promise<void>;
}

const CREDENTIAL_FIELDS = ['token', 'password', 'client-key-data', 'client-certificate-data'];

/**
 * The kubeconfig for kubectl: the `kubeconfig` input (a secret: its credentials are masked,
 * it is written to RUNNER_TEMP with mode 600 and removed by dispose), else KUBECONFIG,
 * else ~/.kube/config.
 */
export async function prepareKubeconfig(content: string | undefined, inputName = 'kubeconfig'): Promise<KubeconfigFile> {
  if (content !== undefined) {
    maskCredentials(content, inputName);
    const path = join(process.env.RUNNER_TEMP || tmpdir(), `inventory-devops-kubeconfig-${randomUUID()}`);
    await writeFile(path, content, { mode: 0o600 });
    return { path, dispose: () => rm(path, { force: true }) };
  }
  const fromEnvironment = process.env.KUBECONFIG?.split(':').find((path) => path !== '');
  const path = fromEnvironment ?? join(homedir(), '.kube', 'config');
  if (!existsSync(path)) {
    throw new ConfigurationError(
      `No kubeconfig: set the "${inputName}" input (from a secret) or the KUBECONFIG environment variable` +
        (fromEnvironment ? ` (KUBECONFIG points at ${path}, which does not exist)` : ''),
    );
  }
  return { path, dispose: async () => {} };
}

function maskCredentials(content: string, inputName: string): void {
  let document: unknown;
  try {
    document = parseYaml(content);
  } catch (error: unknown) {
    throw new ConfigurationError(`Input "${inputName}" (value hidden) is not valid YAML: ${firstLine(describeError(error))}`);
  }
  const users = (document as { users?: unknown } | null)?.users;
  if (!Array.isArray(users)) {
    throw new ConfigurationError(`Input "${inputName}" (value hidden): expected a kubeconfig with a "users" list`);
  }
  for (const entry of users as Array<{ user?: Record<string, unknown> }>) {
    for (const field of CREDENTIAL_FIELDS) {
      const value = entry.user?.[field];
      if (typeof value === 'string') registerSecret(value);
    }
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
