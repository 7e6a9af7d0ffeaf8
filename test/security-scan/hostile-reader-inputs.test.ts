import { mkdtemp, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../actions/lib/errors.js';
import { parseInputs } from '../../actions/lib/inputs.js';
import { readBaseline, readIgnoreEntries, readMigrationFolders, readSecretRules } from '../../actions/security-scan/src/input-files.js';
import { securityScanInputs, type SecurityScanInputs } from '../../actions/security-scan/src/inputs.js';
import { HOSTILE_VALUES } from '../harness/hostile.js';

/** The readers main.ts runs after parseInputs, by the input whose file each reads. */
const READERS: Record<string, (inputs: SecurityScanInputs, workspace: string) => Promise<unknown>> = {
  'secret-rules': readSecretRules,
  'ignore-file': readIgnoreEntries,
  baseline: readBaseline,
  'migration-paths': readMigrationFolders,
};
const MAX_ENVIRONMENT_STRING = 100 * 1024;

let workspace: string;
beforeAll(async () => {
  workspace = await realpath(await mkdtemp(join(tmpdir(), 'security-scan-readers-')));
  await writeFile(join(workspace, 'README.md'), 'hello\n');
});

// Every hostile value the schema lets through reaches the reader of its input, as in the bundle
// (hostile-inputs.integration.test.ts runs each input and each value through it, in turn).
describe.each(Object.keys(READERS))('%s given a hostile value that parses: an input error naming it', (input) => {
  const parsing = HOSTILE_VALUES.map((hostile) => ({ ...hostile, value: hostile.value.slice(0, MAX_ENVIRONMENT_STRING) })).filter(({ value }) => {
    try {
      parseInputs(securityScanInputs, { read: (name) => (name === input ? value : '') });
      return true;
    } catch {
      return false;
    }
  });

  it.each(parsing)('$label', async ({ value }) => {
    const inputs = parseInputs(securityScanInputs, { read: (name) => (name === input ? value : '') });
    const refusal = await READERS[input]!(inputs, workspace).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(ConfigurationError);
    const message = (refusal as Error).message;
    expect(message).toMatch(new RegExp(`^Input "${input}" has value .*: expected (an existing file|a path|existing folders) inside the workspace\\.$`, 's'));
    expect(message.length).toBeLessThan(400);
  });
});
