import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';

import { REPOSITORY_ROOT } from '../repository-root.js';

/**
 * Runs a built action the way the GitHub runner does: node on the `runs.main` of its
 * action.yml, inputs as INPUT_* variables (with the runner's name mangling and the
 * action.yml defaults filled in), and the runner's command files.
 */
export interface RunBundleOptions {
  /** Folder holding action.yml, relative to the repository (e.g. `actions/k8s-deploy`, or `.` for the root action). */
  action: string;
  /** Inputs as a workflow's `with:` gives them. */
  inputs?: Record<string, string>;
  /** Extra environment (e.g. KUBECONFIG), on top of the runner's. */
  env?: Record<string, string>;
  /** Event name and payload written to GITHUB_EVENT_PATH. */
  event?: { name: string; payload: unknown };
  /** GITHUB_WORKSPACE and the working directory of the step; a fresh temp folder by default. */
  workspace?: string;
  /** What `${{ github.token }}` in an input default evaluates to. */
  githubToken?: string;
  timeoutMs?: number;
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  properties: Record<string, string>;
}

export interface ActionRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  exportedEnv: Record<string, string>;
  addedPaths: string[];
  summary: string;
  annotations: Annotation[];
  masks: string[];
  /** Every text the run wrote (logs, summary, outputs, state, env), minus the `::add-mask::` commands themselves. */
  everythingWritten: string;
  runnerTemp: string;
  workspace: string;
}

/** The messages of the run's error annotations (core.error, and core.setFailed's failure). */
export function errorMessages(run: ActionRun): string[] {
  return run.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message);
}

interface ActionMetadata {
  inputs?: Record<string, { default?: string; required?: boolean }>;
  runs: { using: string; main: string };
}

export async function readActionMetadata(action: string): Promise<ActionMetadata> {
  return parseYaml(await readFile(resolve(REPOSITORY_ROOT, action, 'action.yml'), 'utf8')) as ActionMetadata;
}

/** The runner's name mangling: spaces become underscores, then upper case; hyphens stay. */
export function inputVariableName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export async function runBundle(options: RunBundleOptions): Promise<ActionRun> {
  const metadata = await readActionMetadata(options.action);
  if (metadata.runs.using !== 'node24') throw new Error(`${options.action}/action.yml: runs.using is ${metadata.runs.using}, expected node24`);

  const base = await mkdtemp(join(tmpdir(), 'action-run-'));
  const workspace = options.workspace ?? join(base, 'workspace');
  const runnerTemp = join(base, 'runner-temp');
  const home = join(base, 'home');
  await mkdir(home);
  await mkdir(workspace, { recursive: true });
  await mkdir(runnerTemp, { recursive: true });
  const files = {
    GITHUB_OUTPUT: join(base, 'output'),
    GITHUB_STATE: join(base, 'state'),
    GITHUB_ENV: join(base, 'env'),
    GITHUB_PATH: join(base, 'path'),
    GITHUB_STEP_SUMMARY: join(base, 'step-summary'),
    GITHUB_EVENT_PATH: join(base, 'event.json'),
  };
  for (const file of Object.values(files)) await writeFile(file, '');
  await writeFile(files.GITHUB_EVENT_PATH, JSON.stringify(options.event?.payload ?? {}));

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    // A home of its own, as on a fresh runner: no ~/.kube/config or ~/.npmrc of this machine leaks in.
    HOME: home,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_NAME: options.event?.name ?? 'push',
    GITHUB_REPOSITORY: 'acme/inventory',
    GITHUB_REPOSITORY_OWNER: 'acme',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '1001',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_ACTOR: 'octocat',
    GITHUB_JOB: 'test',
    GITHUB_ACTION: options.action,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_TEMP: runnerTemp,
    ...files,
    ...inputEnvironment(metadata, options),
    ...options.env,
  };

  const main = resolve(REPOSITORY_ROOT, options.action, metadata.runs.main);
  const { exitCode, stdout, stderr } = await runNode(main, workspace, env, options.timeoutMs ?? 120_000);

  const outputs = parseCommandFile(await readFile(files.GITHUB_OUTPUT, 'utf8'));
  const state = parseCommandFile(await readFile(files.GITHUB_STATE, 'utf8'));
  const exportedEnv = parseCommandFile(await readFile(files.GITHUB_ENV, 'utf8'));
  const addedPaths = (await readFile(files.GITHUB_PATH, 'utf8')).split('\n').filter(Boolean);
  const summary = await readFile(files.GITHUB_STEP_SUMMARY, 'utf8');
  const commands = parseWorkflowCommands(stdout);
  const logWithoutMasks = stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');

  return {
    exitCode,
    stdout,
    stderr,
    outputs,
    state,
    exportedEnv,
    addedPaths,
    summary,
    annotations: commands.annotations,
    masks: commands.masks,
    everythingWritten: [logWithoutMasks, stderr, summary, ...Object.values(outputs), ...Object.values(state), ...Object.values(exportedEnv)].join('\n'),
    runnerTemp,
    workspace,
  };
}

function inputEnvironment(metadata: ActionMetadata, options: RunBundleOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, spec] of Object.entries(metadata.inputs ?? {})) {
    if (spec.default !== undefined) env[inputVariableName(name)] = evaluateDefault(String(spec.default), options);
  }
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    if (!(name in (metadata.inputs ?? {}))) throw new Error(`${options.action}/action.yml declares no input "${name}"`);
    env[inputVariableName(name)] = value;
  }
  return env;
}

function evaluateDefault(value: string, options: RunBundleOptions): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    if (expression === 'github.token') return options.githubToken ?? '';
    throw new Error(`The harness cannot evaluate \${{ ${expression} }} in an input default`);
  });
}

function runNode(main: string, cwd: string, env: Record<string, string>, timeoutMs: number) {
  return new Promise<{ exitCode: number | null; stdout: string; stderr: string }>((resolvePromise, reject) => {
    const child = spawn(process.execPath, [main], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      // A run killed here is not an outcome to assert on: say so, with what it had written.
      if (timedOut) reject(new Error(`${main} was still running after ${timeoutMs} ms and was killed; it had written:\n${(stdout + stderr).slice(-4000)}`));
      else resolvePromise({ exitCode, stdout, stderr });
    });
  });
}

/** GITHUB_OUTPUT / GITHUB_STATE / GITHUB_ENV: `name=value` lines or `name<<DELIMITER` heredocs. */
export function parseCommandFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter] = heredoc;
      const end = lines.indexOf(delimiter ?? '', index + 1);
      if (end === -1) throw new Error(`Unterminated value for "${name}" in a command file`);
      values[name] = lines.slice(index + 1, end).join('\n');
      index = end;
      continue;
    }
    const separator = line.indexOf('=');
    if (separator === -1) throw new Error(`Malformed command file line: ${line}`);
    values[line.slice(0, separator)] = line.slice(separator + 1);
  }
  return values;
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(text: string): string {
  return unescapeData(text).replace(/%3A/g, ':').replace(/%2C/g, ',');
}

export function parseWorkflowCommands(stdout: string): { annotations: Annotation[]; masks: string[] } {
  const annotations: Annotation[] = [];
  const masks: string[] = [];
  for (const line of stdout.split('\n')) {
    const command = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!command) continue;
    const [, name, propertyText = '', data = ''] = command;
    if (name === 'add-mask') {
      masks.push(unescapeData(data));
    } else if (name === 'error' || name === 'warning' || name === 'notice') {
      const properties: Record<string, string> = {};
      for (const pair of propertyText.split(',').filter(Boolean)) {
        const separator = pair.indexOf('=');
        properties[pair.slice(0, separator)] = unescapeProperty(pair.slice(separator + 1));
      }
      annotations.push({ level: name, message: unescapeData(data), properties });
    }
  }
  return { annotations, masks };
}
