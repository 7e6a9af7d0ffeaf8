import { mkdtemp, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../actions/lib/errors.js';
import { parseInputs } from '../../actions/lib/inputs.js';
import { parseCoverage } from '../../actions/quality-gate/src/coverage-parsers.js';
import { qualityGateInputs, type QualityGateInputs } from '../../actions/quality-gate/src/inputs.js';
import { parseJunit } from '../../actions/quality-gate/src/junit.js';
import { parseLint } from '../../actions/quality-gate/src/lint.js';
import { folderInWorkspace, readPolicy } from '../../actions/quality-gate/src/main.js';
import { loadReport, loadReports, type LoadOptions } from '../../actions/quality-gate/src/reports.js';
import { parseSecurityReport } from '../../actions/quality-gate/src/security.js';
import { HOSTILE_VALUES } from '../harness/hostile.js';
import { lcovForChange, PATH_INPUTS } from './helpers.js';

type Reader = (inputs: QualityGateInputs, workspace: string) => Promise<unknown>;
const load = (workspace: string, input: string): LoadOptions => ({
  workingDirectory: workspace,
  allowedRoots: [workspace],
  allowMissing: false,
  kind: 'report',
  input,
});

/** What main.ts does with each path input after parseInputs, up to the first file it reads. */
const READERS: Record<string, Reader> = {
  'coverage-files': (inputs, workspace) => loadReports(inputs['coverage-files'], parseCoverage, load(workspace, 'coverage-files')),
  'test-results': (inputs, workspace) => loadReports(inputs['test-results'], parseJunit, load(workspace, 'test-results')),
  'lint-results': (inputs, workspace) => loadReports(inputs['lint-results'], parseLint, load(workspace, 'lint-results')),
  'security-report': (inputs, workspace) => loadReport(inputs['security-report'], parseSecurityReport, load(workspace, 'security-report')),
  'base-coverage-file': (inputs, workspace) => loadReport(inputs['base-coverage-file'], parseCoverage, load(workspace, 'base-coverage-file')),
  'policy-file': (inputs, workspace) => readPolicy(inputs['policy-file']!, workspace, [workspace]),
  'working-directory': (inputs, workspace) => folderInWorkspace(inputs['working-directory'], workspace),
};

let workspace: string;
beforeAll(async () => {
  workspace = await realpath(await mkdtemp(join(tmpdir(), 'quality-gate-path-inputs-')));
  await writeFile(join(workspace, 'lcov.info'), lcovForChange());
});

// Every hostile value the schema lets through reaches the reader of its input, as in the bundle
// (hostile-inputs.integration.test.ts runs each input and each value through it, in turn).
describe.each(Object.keys(READERS))('%s given a hostile value that parses: a clear error naming the input', (name) => {
  const read = (value: string) => (input: string) => (input === name ? value : '');
  const parsing = HOSTILE_VALUES.filter(({ value }) => {
    try {
      parseInputs(qualityGateInputs, { read: read(value) });
      return true;
    } catch {
      return false;
    }
  });

  it.each(parsing)('$label', async ({ value }) => {
    const refusal = await READERS[name]!(parseInputs(qualityGateInputs, { read: read(value) }), workspace).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(ConfigurationError);
    const message = (refusal as Error).message;
    expect(message).toMatch(new RegExp(`(Input "${name}"|\\(${name}\\)|for ${name} )`));
    expect(message).toMatch(/has value|was not found|No .* found for|is outside the workspace|is not a regular file/);
  });
});

it('every path input has its reader here', () => {
  expect(Object.keys(READERS).sort()).toEqual([...PATH_INPUTS].sort());
});
