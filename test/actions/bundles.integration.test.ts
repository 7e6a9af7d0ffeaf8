import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBundle, type ActionRun } from '../harness/run-bundle.js';

function errors(run: ActionRun): string[] {
  return run.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message);
}

// Each bundle is started as the runner starts it: a crash while loading (an ESM/CJS mix-up,
// a missing asset) shows up here as a stack trace on stderr instead of one clear error.
describe.each([
  ['actions/quality-gate', {}, 'quality-gate: No reports were given: set at least one of coverage-files'],
  ['actions/security-scan', { 'fail-on-severity': 'urgent' }, 'Input "fail-on-severity" has value "urgent"'],
  ['actions/k8s-deploy', {}, 'Input "manifests" is required but was not set'],
  ['actions/deploy', { manifests: 'k8s/', kubeconfig: 'users: [unclosed' }, 'Input "kubeconfig" (value hidden) is not valid YAML'],
  ['actions/canary-analyze', { 'canary-selector': 'track=canary' }, 'Input "baseline-selector" is required'],
  ['actions/rollback', { deployment: 'inventory' }, 'No kubeconfig: set the "kubeconfig" input (from a secret) or the KUBECONFIG environment variable'],
  ['actions/notify', { result: 'failed', 'webhook-secret': 'a-webhook-signing-key-0123' }, 'Input "webhook-url" is required but was not set'],
  ['actions/delivery-metrics', { 'window-days': '30' }, 'Input "github-token" is required but was not set'],
  ['.', { command: 'rollback' }, 'Input "deployment" is required'],
])('bundle of %s', (action, inputs, message) => {
  it('loads and fails with one clear error, changing nothing', async () => {
    const run = await runBundle({ action, inputs });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(1);
    expect(errors(run)).toHaveLength(1);
    expect(errors(run)[0]).toContain(message);
    expect(run.outputs).toEqual({});
    expect(run.summary).toContain('failed');
  });
});

describe('bad inputs', () => {
  it('name the input, the value and what was expected, without echoing secrets', async () => {
    const kubeconfig = 'apiVersion: v1\nusers:\n- user:\n    token: planted-token-5f0c2a9e\n';
    const run = await runBundle({
      action: 'actions/k8s-deploy',
      inputs: { manifests: 'k8s/', strategy: 'bluegreen', 'canary-percentage': '150', kubeconfig },
    });
    expect(run.exitCode).toBe(1);
    expect(errors(run)).toEqual([
      'k8s-deploy: Input "strategy" has value "bluegreen": expected one of rolling, blue-green, canary. ' +
        'Input "canary-percentage" has value "150": expected a whole number from 1 to 100.',
    ]);
    expect(run.masks).toContain('token: planted-token-5f0c2a9e');
    expect(run.everythingWritten).not.toContain('planted-token-5f0c2a9e');
  });

  it('an unknown command of the root action lists them all', async () => {
    const run = await runBundle({ action: '.', inputs: { command: 'ship-it' } });
    expect(run.exitCode).toBe(1);
    expect(errors(run)).toEqual([
      'inventory-devops: Input "command" has value "ship-it": expected one of quality-gate, security-scan, deploy, canary-analyze, rollback, notify, delivery-metrics, progressive-canary.',
    ]);
  });
});

describe('a bug', () => {
  // The source maps are installed only when a bug is reported, so this proves they still apply.
  it('is logged with a stack trace that names the TypeScript sources', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'bundle-bug-'));
    await writeFile(join(workspace, 'lcov.info'), 'SF:src/a.ts\nDA:1,1\nLF:1\nLH:1\nend_of_record\n');
    const run = await runBundle({
      action: 'actions/quality-gate',
      workspace,
      inputs: { 'coverage-files': 'lcov.info' },
      // A runner whose output file is gone: core.setOutput throws, which no action expects.
      env: { GITHUB_OUTPUT: join(workspace, 'missing', 'output'), RUNNER_DEBUG: '1' },
    });
    expect(run.exitCode).toBe(1);
    expect(errors(run)[0]).toContain('quality-gate failed unexpectedly (a bug in inventory-devops; please report it): Missing file at path');
    expect(run.stdout).toMatch(/::debug::Error: Missing file at path: .*%0A {4}at setOutputs \(file:\/\/\S*\/actions\/lib\/outputs\.ts:\d+:\d+\)/);
  });
});
