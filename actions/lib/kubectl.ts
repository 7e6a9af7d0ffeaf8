import * as core from '@actions/core';
import { getExecOutput } from '@actions/exec';
import { spawn } from 'node:child_process';
import { ConfigurationError } from './errors.js';

/** kubectl exited non-zero: the message is its stderr, which is what a person needs to read. */
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

const UNREACHABLE = /connection refused|no such host|i\/o timeout|Unable to connect to the server/;

/** kubectl could not reach the API server at all (as opposed to the server answering with an error). */
export function isUnreachable(error: unknown): boolean {
  return error instanceof KubectlError && UNREACHABLE.test(error.stderr);
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

  async json<T>(args: readonly string[]): Promise<T> {
    const { stdout } = await this.run([...args, '--output', 'json']);
    return JSON.parse(stdout) as T;
  }

  /** `kubectl get <kind> <name>`, or undefined when it does not exist. */
  async find<T>(kind: string, name: string): Promise<T | undefined> {
    const { stdout } = await this.run(['get', kind, name, '--ignore-not-found', '--output', 'json']);
    return stdout.trim() === '' ? undefined : (JSON.parse(stdout) as T);
  }
}
