import { describe, expect, it } from 'vitest';
import { errorMessages, inputVariableName, parseCommandFile, runBundle } from './run-bundle.js';

describe('runner-contract harness', () => {
  it('mangles input names as the runner does', () => {
    expect(inputVariableName('min-coverage')).toBe('INPUT_MIN-COVERAGE');
    expect(inputVariableName('multi word')).toBe('INPUT_MULTI_WORD');
  });

  it('parses name=value lines and heredocs of command files', () => {
    expect(parseCommandFile('a=1\nb<<EOF_X\nline 1\nline=2\nEOF_X\nc=\n')).toEqual({ a: '1', b: 'line 1\nline=2', c: '' });
    expect(() => parseCommandFile('b<<EOF\nnever closed\n')).toThrow(/Unterminated value for "b"/);
  });

  it('runs an action with defaults, inputs, event and every command file', async () => {
    const run = await runBundle({
      action: 'test/harness/fixtures/echo-action',
      inputs: { 'multi word': 'spaced' },
      event: { name: 'pull_request', payload: { number: 7 } },
      githubToken: 'ghs_fixturetoken123',
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      greeting: 'hello',
      lines: 'first\nsecond',
      'multi-word': 'spaced',
      'event-name': 'pull_request',
      cwd: run.workspace,
    });
    expect(run.state).toEqual({ started: 'yes' });
    expect(run.exportedEnv).toEqual({ EXPORTED: 'value' });
    expect(run.addedPaths).toEqual(['/opt/fixture/bin']);
    expect(run.summary).toContain('<h1>Echo</h1>');
    expect(run.masks).toEqual(['ghs_fixturetoken123']);
    expect(run.annotations).toEqual([{ level: 'warning', message: 'look here, please', properties: { file: 'src/a.ts', line: '3', endLine: '4' } }]);
    // The fixture logs its token after masking it: the runner would hide it, but it is written.
    expect(run.everythingWritten).toContain('ghs_fixturetoken123');
  });

  it('reports failure exit codes and error annotations', async () => {
    const run = await runBundle({ action: 'test/harness/fixtures/echo-action', inputs: { greeting: 'fail' } });
    expect(run.exitCode).toBe(1);
    expect(errorMessages(run)).toEqual(['asked to fail']);
  });

  it('refuses inputs the action does not declare', async () => {
    await expect(runBundle({ action: 'test/harness/fixtures/echo-action', inputs: { typo: 'x' } })).rejects.toThrow(/declares no input "typo"/);
  });
});
