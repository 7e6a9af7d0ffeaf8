import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorMessages } from '../harness/run-bundle.js';
import { copyFixture, findingKeys, readReport, readSarif, scan } from './helpers.js';

// The fixture is a service's migration history: a safe create and expand, a drop of a column the
// running release still reads (scenario 4 of issue 17), an unparseable file, a contract step, a
// rollback file, a migration outside a `migrations` folder, and an SQL file that is no migration.
describe('migrations scanner, through the built bundle', () => {
  it('refuses the drop of a column the running release reads, names file and line, and notes the contract step', async () => {
    const workspace = await copyFixture('migrations');
    const run = await scan(workspace, { scanners: 'migrations', 'migration-paths': 'sql/changes' });
    const report = await readReport(run);
    expect(findingKeys(report)).toEqual([
      'db/migrations/003_drop_price.sql:3 migrations/ban-drop-column',
      'db/migrations/004_broken.sql:3 migrations/syntax-error',
      'db/migrations/005_drop_legacy.contract.sql:2 migrations/contract-step',
      'sql/changes/010_rename.sql:1 migrations/renaming-column',
    ]);
    const byRule = Object.fromEntries(report.findings.map((finding) => [finding.ruleId, finding]));
    expect(byRule['migrations/ban-drop-column']?.message).toContain('items.price');
    expect(byRule['migrations/ban-drop-column']?.fix).toMatch(/contract step/);
    expect(byRule['migrations/syntax-error']?.message).toBe('PostgreSQL\'s parser refuses this migration: syntax error at or near "integer".');
    expect(byRule['migrations/contract-step']).toMatchObject({ severity: 'info', suppressed: false });
    expect(byRule['migrations/contract-step']?.message).toContain('items.legacy_code');

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.outputs).toMatchObject({ passed: 'false', high: '3', total: '4' });
    expect(report.scanners).toEqual({ migrations: { status: 'ok' } });
    expect(run.summary).toContain('db/migrations/003_drop_price.sql:3');
    const annotated = run.annotations.filter((annotation) => annotation.properties.file === 'db/migrations/003_drop_price.sql');
    expect(annotated.map((annotation) => annotation.properties.line)).toEqual(['3']);

    const sarif = await readSarif(run);
    const results = sarif.runs.flatMap((sarifRun) => sarifRun.results);
    expect(results.find((result) => result.ruleId === 'migrations/contract-step')?.level).toBe('note');
    expect(results.find((result) => result.ruleId === 'migrations/ban-drop-column')?.level).toBe('error');
  });

  it('is on by default, finds only *.sql under a folder named migrations, and passes a safe history with a contract note', async () => {
    const workspace = await copyFixture('migrations');
    for (const file of ['003_drop_price.sql', '004_broken.sql']) await rm(join(workspace, 'db/migrations', file));
    const run = await scan(workspace, { scanners: '' });
    const report = await readReport(run);
    expect(findingKeys(report)).toEqual(['db/migrations/005_drop_legacy.contract.sql:2 migrations/contract-step']);
    expect(report.scanners?.migrations).toEqual({ status: 'ok' });
    expect(run.outputs.passed).toBe('true');
    expect(run.exitCode).toBe(0);
  });

  it('refuses a migration-paths folder outside the workspace before scanning anything', async () => {
    const workspace = await copyFixture('migrations');
    const run = await scan(workspace, { scanners: 'migrations', 'migration-paths': '../elsewhere' });
    expect(run.exitCode).toBe(1);
    expect(errorMessages(run).join('\n')).toContain('Input "migration-paths" has value "../elsewhere": expected a path inside the workspace.');
    expect(run.outputs.report).toBeUndefined();
  });
});
