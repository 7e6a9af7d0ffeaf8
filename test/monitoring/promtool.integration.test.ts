// Debian's promtool on the rules of example-service/monitoring: syntax and the unit tests of every alert.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { describeWithTools } from '../harness/tools.js';
import { readRules, SERVICE_ROOT } from './monitoring-files.js';

const MONITORING = `${SERVICE_ROOT}monitoring`;
const promtool = (...args: string[]) => promisify(execFile)('promtool', args, { cwd: MONITORING });

interface AlertTest {
  alertname: string;
  exp_alerts?: unknown[];
}

describeWithTools(['promtool'], 'promtool on the inventory rules', () => {
  it('checks the rules file', async () => {
    const { stdout } = await promtool('check', 'rules', 'rules.yaml');
    expect(stdout).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('passes the unit tests, which make every alert fire and stay silent at least once', async () => {
    const files = ['rules.test.yaml', 'rules-slow-burn.test.yaml'];
    const { stdout } = await promtool('test', 'rules', ...files);
    expect(stdout.match(/SUCCESS/g)).toHaveLength(files.length);
    const cases: AlertTest[] = [];
    for (const file of files) {
      const { tests } = parse(await readFile(`${MONITORING}/${file}`, 'utf8')) as { tests: Array<{ alert_rule_test: AlertTest[] }> };
      cases.push(...tests.flatMap((test) => test.alert_rule_test));
    }
    for (const { alert } of (await readRules()).filter((rule) => rule.alert)) {
      expect(
        cases.some((test) => test.alertname === alert && (test.exp_alerts?.length ?? 0) > 0),
        `${alert} fires in a test`,
      ).toBe(true);
      expect(
        cases.some((test) => test.alertname === alert && (test.exp_alerts?.length ?? 0) === 0),
        `${alert} stays silent in a test`,
      ).toBe(true);
    }
  }, 180_000);
});
