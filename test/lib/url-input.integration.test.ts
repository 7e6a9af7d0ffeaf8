import { describe, expect, it } from 'vitest';
import { recordTools } from '../harness/recording-tools.js';
import { errorMessages, runBundle } from '../harness/run-bundle.js';

// The URL inputs of rollback and k8s-deploy through their bundles: credentials in a URL are an
// input error that does not echo them, before any kubectl call.
const PASSWORD = 'planted-url-password-31f0';

describe.concurrent('URL inputs with credentials', () => {
  it.each([
    [
      'rollback health-url with user:password@',
      'actions/rollback',
      { deployment: 'inventory', 'health-url': `https://ops:${PASSWORD}@inventory.example.com/health` },
      'health-url',
    ],
    [
      'k8s-deploy environment-url with user:password@',
      'actions/k8s-deploy',
      { manifests: 'k8s/', 'environment-url': `https://ops:${PASSWORD}@inventory.example.com/` },
      'environment-url',
    ],
    ['rollback health-url with ftp:', 'actions/rollback', { deployment: 'inventory', 'health-url': 'ftp://inventory.example.com/health' }, 'health-url'],
    [
      'k8s-deploy environment-url with a space',
      'actions/k8s-deploy',
      { manifests: 'k8s/', 'environment-url': 'https://inventory.example.com/ x' },
      'environment-url',
    ],
  ])('%s', async (_label, action, inputs, name) => {
    const tools = await recordTools(['kubectl']);
    const run = await runBundle({ action, inputs, env: { PATH: tools.path } });
    expect(run.exitCode).toBe(1);
    const errors = errorMessages(run);
    expect(errors).toEqual([expect.stringMatching(new RegExp(`Input "${name}" has value "[^"]*": expected an http or https URL`))]);
    expect(run.everythingWritten).not.toContain(PASSWORD);
    expect(await tools.calls()).toEqual([]);
  });
});
