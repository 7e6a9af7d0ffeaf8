import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { copyFixture, listFiles, plantedSecrets, readReport, scan } from './helpers.js';

const git = (cwd: string, ...args: string[]) =>
  promisify(execFile)('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd });

describe('secret redaction', () => {
  it('finds secrets in the tree and in the history of a range, and never writes a planted secret anywhere', async () => {
    const workspace = await copyFixture('planted');
    const secrets = await plantedSecrets(workspace);
    expect(secrets.length).toBeGreaterThanOrEqual(11);

    // History: the secrets are committed, then the env file is deleted; only history still holds those.
    await git(workspace, 'init', '-q', '-b', 'main');
    await git(workspace, 'commit', '-q', '--allow-empty', '-m', 'start');
    await git(workspace, 'add', '-A');
    await git(workspace, 'commit', '-q', '-m', 'add secrets');
    await rm(join(workspace, 'config/.env'));
    await git(workspace, 'commit', '-q', '-am', 'remove the env file');

    const run = await scan(workspace, { history: 'HEAD~2..HEAD' });
    const report = await readReport(run);
    const fromHistory = report.findings.filter((finding) => finding.file === 'config/.env');
    expect(fromHistory.map((finding) => finding.ruleId).sort()).toEqual([
      'secrets/aws-access-key-id',
      'secrets/aws-secret-access-key',
      'secrets/database-url-password',
      'secrets/gcp-api-key',
      'secrets/github-token',
      'secrets/slack-token',
      'secrets/slack-webhook',
      'secrets/stripe-key',
    ]);
    for (const finding of fromHistory) expect(finding.message).toMatch(/\(added in commit [0-9a-f]{12}\)$/);
    expect(report.findings.find((finding) => finding.ruleId === 'secrets/github-token')).toMatchObject({ line: 7, match: 'ghp_****' });

    const written = [run.everythingWritten, run.stdout, run.stderr];
    for (const file of await listFiles(run.runnerTemp)) written.push(await readFile(file, 'utf8'));
    const everything = written.join('\n');
    expect(everything).toContain('ghp_****');
    for (const secret of secrets) expect(everything.includes(secret), `planted secret ${secret.slice(0, 4)}… was written`).toBe(false);
  });

  it('a bad history range names the input', async () => {
    const workspace = await copyFixture('clean');
    await git(workspace, 'init', '-q', '-b', 'main');
    const run = await scan(workspace, { history: 'no-such-ref..HEAD' });
    expect(run.exitCode).toBe(1);
    expect(run.annotations[0]?.message).toMatch(/^security-scan: Input "history" has value "no-such-ref..HEAD": git log failed/);
  });
});
