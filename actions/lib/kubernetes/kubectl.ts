import * as core from '@actions/core';
import { getExecOutput } from '@actions/exec';
import { spawn } from 'node:child_process';
import { ConfigurationError } from '../errors.js';
import { checkObjectName, type NamedKind } from './names.js';

/**
 * kubectl exited non-zero: the message is its stderr, which is what a person needs to read, with a
 * hint for refused credentials and an unreachable API server. A known failure, not a bug of the
 * suite: whether the API server refused the call (rights, validation) or could not be reached, the
 * fix is in the cluster, the network or the kubeconfig, and `isUnreachable` tells the two apart.
 */
export class KubectlError extends ConfigurationError {
  override name = 'KubectlError';

  constructor(
    readonly args: readonly string[],
    readonly exitCode: number,
    readonly stderr: string,
  ) {
    super(`kubectl ${args.join(' ')} failed (exit ${exitCode}): ${stderr || 'no error output'}${hintFor(stderr)}`);
  }
}

// kubectl says "The connection to the server HOST was refused" when it fails before discovery (a warm discovery cache),
// "dial tcp …: connect: connection refused" when discovery itself fails.
const UNREACHABLE = /connection refused|The connection to the server \S+ was refused|no such host|i\/o timeout|Unable to connect to the server/;

/** kubectl could not reach the API server at all (as opposed to the server answering with an error). */
export function isUnreachable(error: unknown): boolean {
  return error instanceof KubectlError && UNREACHABLE.test(error.stderr);
}

/** The API server refused the call for lack of a right (403 Forbidden): the credentials, not the cluster, need fixing. */
export function isForbidden(error: unknown): boolean {
  return error instanceof KubectlError && /\(Forbidden\)|is forbidden: User/.test(error.stderr);
}

function hintFor(stderr: string): string {
  if (/Unauthorized|provide credentials/.test(stderr)) {
    return ' — the API server refused the credentials (Unauthorized): check the token or client certificate in the kubeconfig';
  }
  if (UNREACHABLE.test(stderr)) {
    return ' — the API server could not be reached: check the server address in the kubeconfig and the network';
  }
  return '';
}

export interface KubectlOptions {
  kubeconfig: string;
  namespace?: string;
  binary?: string;
}

export interface KubectlRunOptions {
  input?: string;
  /** Return a non-zero exit instead of throwing. */
  allowFailure?: boolean;
}

export interface KubectlResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Every kubectl call of the suite goes through here, so logs and tests see the exact command. */
export class Kubectl {
  constructor(private readonly options: KubectlOptions) {}

  get namespace(): string | undefined {
    return this.options.namespace;
  }

  /** The same kubectl, scoped to one namespace: every call of a run goes to the namespace resolved for it. */
  inNamespace(namespace: string): Kubectl {
    return new Kubectl({ ...this.options, namespace: checkObjectName('Namespace', namespace, 'The namespace of this run') });
  }

  async run(args: readonly string[], { input, allowFailure = false }: KubectlRunOptions = {}): Promise<KubectlResult> {
    const scoped = this.scoped(args);
    core.debug(`kubectl ${scoped.join(' ')}`);
    const result = await getExecOutput(this.options.binary ?? 'kubectl', ['--kubeconfig', this.options.kubeconfig, ...scoped], {
      silent: true,
      ignoreReturnCode: true,
      input: input === undefined ? undefined : Buffer.from(input),
    });
    if (result.exitCode !== 0 && !allowFailure) throw new KubectlError(scoped, result.exitCode, result.stderr.trim());
    return result;
  }

  /** A long-running kubectl (e.g. `rollout status`) that can be stopped early. */
  start(args: readonly string[]): { result: Promise<KubectlResult>; stop(): void } {
    const scoped = this.scoped(args);
    core.debug(`kubectl ${scoped.join(' ')}`);
    const child = spawn(this.options.binary ?? 'kubectl', ['--kubeconfig', this.options.kubeconfig, ...scoped], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const result = new Promise<KubectlResult>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve({ exitCode: code ?? 1, stdout, stderr }));
    });
    return { result, stop: () => child.kill('SIGTERM') };
  }

  private scoped(args: readonly string[]): string[] {
    return this.options.namespace ? ['--namespace', this.options.namespace, ...args] : [...args];
  }

  /** `args` with `--output json`, which goes before a `--` that ends the flags. */
  async json<T>(args: readonly string[]): Promise<T> {
    const end = args.indexOf('--');
    const flagged = end === -1 ? [...args, '--output', 'json'] : [...args.slice(0, end), '--output', 'json', ...args.slice(end)];
    const { stdout } = await this.run(flagged);
    return parseAnswer<T>(flagged, stdout);
  }

  /**
   * `kubectl get <kind> -- <name>`, or undefined when it does not exist. Anything but that one
   * object (a List, another kind, another name or namespace) is an error, never "found".
   */
  async find<T>(kind: NamedKind, name: string): Promise<T | undefined> {
    checkObjectName(kind, name, `The ${kind} to look up`);
    const args = ['get', kind.toLowerCase(), '--ignore-not-found', '--output', 'json', '--', name];
    const { stdout } = await this.run(args);
    if (stdout.trim() === '') return undefined;
    const found = parseAnswer<{ kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null>(args, stdout);
    if (found === null || typeof found !== 'object')
      throw new ConfigurationError(`kubectl ${args.join(' ')} answered with something that is not an object; the step stops here`);
    const namespaceDiffers = this.namespace !== undefined && found.metadata?.namespace !== undefined && found.metadata.namespace !== this.namespace;
    if (found.kind !== kind || found.metadata?.name !== name || namespaceDiffers) {
      const answer = `${String(found.kind)} ${String(found.metadata?.name ?? '(no name)')}${found.metadata?.namespace ? ` in namespace ${String(found.metadata.namespace)}` : ''}`;
      throw new ConfigurationError(`kubectl get ${kind.toLowerCase()} ${name} answered with ${answer}, not that one ${kind}; the step stops here`);
    }
    return found as T;
  }
}

/** kubectl's JSON answer; a truncated or garbled one is an explained stop, not a bug. */
function parseAnswer<T>(args: readonly string[], stdout: string): T {
  try {
    return JSON.parse(stdout) as T;
  } catch {
    throw new ConfigurationError(`kubectl ${args.join(' ')} answered with ${stdout.length} characters that are not JSON (truncated?); the step stops here`);
  }
}

/** The namespace of the kubeconfig's current context, else `default`, as kubectl itself would use. */
export async function contextNamespace(kubectl: Kubectl): Promise<string> {
  const { stdout } = await kubectl.run(['config', 'view', '--minify', '--output', 'jsonpath={..namespace}'], { allowFailure: true });
  return checkObjectName('Namespace', stdout.trim() || 'default', "The kubeconfig's current context");
}
