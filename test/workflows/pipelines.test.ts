import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { files, steps, SUITE, text, workflow, type Job, type Step, type Workflow } from './workflow-files.js';

const ci = workflow('.github/workflows/ci.yml');
const deploy = workflow('.github/workflows/deploy.yml');
const rollback = workflow('.github/workflows/rollback.yml');
const step = (job: Job, name: string): Step => {
  const found = (job.steps ?? []).find((candidate) => candidate.name === name || candidate.id === name);
  if (!found) throw new Error(`no step ${name}`);
  return found;
};
const stepIndex = (job: Job, name: string): number => (job.steps ?? []).indexOf(step(job, name));
const needs = (job: Job): string[] => (job.needs === undefined ? [] : typeof job.needs === 'string' ? [job.needs] : job.needs);

type Permissions = Record<string, string>;
const RANK: Record<string, number> = { none: 0, read: 1, write: 2 };
/** The most each scope is asked for by any job of the workflow. */
function requested(wf: Workflow): Permissions {
  const most: Permissions = {};
  for (const job of Object.values(wf.jobs))
    for (const [scope, level] of Object.entries((job.permissions ?? {}) as Permissions))
      if ((RANK[level] ?? 0) > (RANK[most[scope] ?? 'none'] ?? 0)) most[scope] = level;
  return most;
}
const grants = (granted: Permissions, wanted: Permissions): string[] =>
  Object.entries(wanted)
    .filter(([scope, level]) => (RANK[granted[scope] ?? 'none'] ?? 0) < (RANK[level] ?? 0))
    .map(([scope, level]) => `${scope}: ${level}`);

/** The commented `jobs:` example at the top of a reusable workflow, parsed. */
function usageExample(file: string): Job {
  const header = text(file).split('\n#\n')[1] ?? '';
  const yaml = header
    .split('\n')
    .map((line) => line.replace(/^# ?/, ''))
    .join('\n');
  const parsed = parseYaml(yaml) as { jobs: Record<string, Job> };
  return Object.values(parsed.jobs)[0]!;
}

describe('usage comments and callers grant what the called jobs ask for (GitHub refuses the run otherwise)', () => {
  it.each(['.github/workflows/ci.yml', '.github/workflows/deploy.yml', '.github/workflows/rollback.yml'])('%s', (file) => {
    const example = usageExample(file);
    expect(example.uses).toMatch(new RegExp(`^${SUITE}/${file}@`));
    expect(grants((example.permissions ?? {}) as Permissions, requested(workflow(file)))).toEqual([]);
  });

  const callers = files.flatMap((file) =>
    Object.entries(workflow(file).jobs)
      .filter(([, job]) => job.uses !== undefined)
      .map(([id, job]): [string, string, Job] => [file, id, job]),
  );
  it.each(callers)('%s job %s', (_file, _id, job) => {
    const called = job.uses!.replace(/^\.\//, '').replace(`${SUITE}/`, '').split('@')[0]!;
    expect(grants((job.permissions ?? {}) as Permissions, requested(workflow(called)))).toEqual([]);
  });
});

describe('ci.yml: lint stage, coverage defaults, artifacts', () => {
  const inputs = ci.on.workflow_call!.inputs!;

  it('runs lint-command in the tests job, through env, without stopping the tests, and gives its results to the gate', () => {
    const lint = step(ci.jobs.tests!, 'Lint');
    expect(lint.env).toEqual({ LINT_COMMAND: '${{ inputs.lint-command }}' });
    expect(lint.if).toBe("${{ inputs.lint-command != '' }}");
    expect(lint['continue-on-error']).toBe(true);
    expect(stepIndex(ci.jobs.tests!, 'Lint')).toBeLessThan(stepIndex(ci.jobs.tests!, 'Test'));
    expect(step(ci.jobs.gate!, 'gate').with?.['lint-results']).toBe("${{ inputs.lint-command != '' && inputs.lint-results || '' }}");
    expect(step(ci.jobs.tests!, 'paths').env?.LINT_RESULTS).toBe("${{ inputs.lint-command != '' && inputs.lint-results || '' }}");
  });

  it('judges 80% of all lines and 80% of the changed lines by default, and says so', () => {
    expect(inputs['min-coverage']?.default).toBe('80');
    expect(inputs['min-changed-lines-coverage']?.default).toBe('80');
    expect(text('.github/workflows/ci.yml')).toContain('# Coverage: 80% of all lines and 80% of the changed lines by default');
  });

  it('names every artifact it uploads with a suffix of the call, so two calls in one run never collide', () => {
    const uploads = steps(ci).filter(([, s]) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(uploads.length).toBe(3);
    for (const [job, upload] of uploads)
      expect(upload.with?.name, job).toMatch(/^[a-z-]+-\$\{\{ steps\.(artifact\.outputs\.suffix|paths\.outputs\.artifact-suffix) \}\}$/);
  });

  it("this repository's CI calls ci.yml on itself with the lint stage", () => {
    const self = workflow('.github/workflows/tests.yml').jobs['suite-ci']!;
    expect(self.uses).toBe('./.github/workflows/ci.yml');
    expect(self.with).toMatchObject({ 'suite-repository': '${{ github.repository }}', 'suite-ref': '${{ github.sha }}' });
    expect(self.with?.['lint-command']).toMatch(/eslint .*--format json --output-file reports\/eslint\.json/);
    for (const name of Object.keys(self.with ?? {})) expect(inputs, name).toHaveProperty([name]);
  });
});

describe('deploy.yml: deploy only what was built, scanned and attested', () => {
  const build = deploy.jobs.build!;
  const scan = deploy.jobs.scan!;
  const job = deploy.jobs.deploy!;

  it('builds with an SBOM and provenance, and attests the pushed digest', () => {
    expect(step(build, 'push').with).toMatchObject({ sbom: true, provenance: 'mode=max', push: true });
    const attest = step(build, 'Attest the build provenance');
    expect(attest.uses).toBe('actions/attest@59d89421af93a897026c735860bf21b6eb4f7b26');
    expect(attest.with).toMatchObject({ 'subject-digest': '${{ steps.push.outputs.digest }}', 'push-to-registry': true });
    expect(build.outputs?.digest).toBe('${{ steps.push.outputs.digest }}');
  });

  it('scans the pushed digest with Trivy: everything to code scanning, fixable high and critical through the suppression file', () => {
    expect(needs(scan)).toEqual(['build']);
    const trivy = (scan.steps ?? []).filter((s) => s.uses?.startsWith('aquasecurity/trivy-action@'));
    expect(trivy).toHaveLength(2);
    for (const run of trivy) expect(run.with?.['image-ref']).toBe('${{ needs.build.outputs.image }}');
    const [report, gating] = trivy as [Step, Step];
    expect(report.with).toMatchObject({ format: 'sarif', 'exit-code': '0' });
    expect(report.with?.severity).toBeUndefined();
    const upload = step(scan, 'Upload the report to code scanning');
    expect(upload.with?.sarif_file).toBe(report.with?.output);
    // trivy-action keeps the severity filter for SARIF only when this is exactly 'true' (its entrypoint.sh).
    expect(gating.with).toMatchObject({ format: 'sarif', severity: 'HIGH,CRITICAL', 'ignore-unfixed': true, 'limit-severities-for-sarif': 'true' });
    const policy = step(scan, 'policy');
    expect(policy.uses).toBe('./.inventory-devops/actions/security-scan');
    expect(policy.with).toEqual({
      scanners: 'sarif',
      'sarif-files': gating.with?.output,
      'fail-on-severity': 'high',
      'ignore-file': '${{ inputs.ignore-file }}',
    });
    expect(stepIndex(scan, 'policy')).toBeGreaterThan(stepIndex(scan, 'Upload the report to code scanning'));
  });

  it('deploys only after the inputs were checked and the scan passed, or without build and scan when build is false', () => {
    expect(needs(job).sort()).toEqual(['build', 'inputs', 'scan']);
    expect(job.if).toBe(
      "${{ !cancelled() && needs.inputs.result == 'success' && ((needs.build.result == 'success' && needs.scan.result == 'success') || (needs.build.result == 'skipped' && !inputs.build)) }}",
    );
    expect(needs(deploy.jobs.build!)).toEqual(['inputs']);
  });

  it('verifies the attestation of the digest before any step that changes the cluster, and deploys that digest', () => {
    const verify = stepIndex(job, "Verify the image's attestation");
    const firstChange = (job.steps ?? []).findIndex((s) => s.uses?.startsWith('./.inventory-devops/actions/'));
    expect(verify).toBeGreaterThan(stepIndex(job, 'image'));
    expect(verify).toBeLessThan(firstChange);
    expect(step(job, "Verify the image's attestation").run).toMatch(
      /gh attestation verify "oci:\/\/\$IMAGE" --repo "\$REPOSITORY" --signer-repo "\$SUITE_REPOSITORY" --source-digest "\$COMMIT"/,
    );
    expect(step(job, "Verify the image's attestation").env?.IMAGE).toBe('${{ steps.image.outputs.reference }}');
    for (const action of (job.steps ?? []).filter((s) => s.with?.images !== undefined))
      expect(action.with?.images).toBe('${{ steps.image.outputs.reference }}');
    expect(job.permissions).toMatchObject({ attestations: 'read' });
  });

  it('takes the result and revision outputs from the Result step, which runs whatever happened', () => {
    expect(job.outputs).toMatchObject({ result: '${{ steps.result.outputs.result }}', revision: '${{ steps.result.outputs.revision }}' });
    expect(step(job, 'result').if).toBe('${{ always() }}');
    expect(deploy.on.workflow_call!.outputs!.result).toMatchObject({ value: "${{ jobs.deploy.outputs.result || 'failed' }}" });
  });
});

describe('concurrency', () => {
  it('deploy.yml and rollback.yml take the same group per environment, never cancelling the run in progress', () => {
    const group = { group: 'inventory-devops-${{ inputs.environment }}', 'cancel-in-progress': false };
    expect(deploy.jobs.deploy!.concurrency).toEqual(group);
    expect(rollback.jobs.rollback!.concurrency).toEqual(group);
  });

  const callers = files.filter((file) => file.startsWith('workflows/') && /deploy\.yml|rollback\.yml/.test(text(file)));
  it.each(callers)('%s holds a group of its own from before the build (a name the called jobs never take)', (file) => {
    const [job] = Object.values(workflow(file).jobs) as [Job];
    expect(job.concurrency?.['cancel-in-progress']).toBe(false);
    expect(job.concurrency?.group).toMatch(/^release-/);
  });

  it('the production rollback shares the production release group', () => {
    const group = (file: string) => (Object.values(workflow(file).jobs)[0] as Job).concurrency?.group;
    expect(group('workflows/rollback-production.yml')).toBe(group('workflows/canary-production.yml'));
  });
});

describe('notifications', () => {
  const notify = deploy.jobs.notify!;
  // The inputs of the action.yml of slackapi/slack-github-action v4.0.0, the commit pinned (its tag: the security test checks the comment).
  const SLACK_INPUTS = [
    'api',
    'errors',
    'method',
    'payload',
    'payload-delimiter',
    'payload-file-path',
    'payload-templated',
    'proxy',
    'retries',
    'token',
    'webhook',
    'webhook-type',
  ];

  it('runs after every outcome of the deploy, each channel only when its secret is set', () => {
    expect(notify.if).toBe('${{ always() }}');
    expect(needs(notify)).toContain('deploy');
    expect(step(notify, 'Slack').if).toBe("${{ steps.channels.outputs.slack == 'true' }}");
    expect(step(notify, 'Webhook').if).toBe("${{ steps.channels.outputs.webhook == 'true' }}");
  });

  it("sends Slack the escaped message through Slack's action, pinned, as JSON", () => {
    const slack = step(notify, 'Slack');
    expect(slack.uses).toBe('slackapi/slack-github-action@dcb1066f776dd043e64d0e8ba94ca15cc7e1875d');
    expect(Object.keys(slack.with ?? {}).filter((name) => !SLACK_INPUTS.includes(name))).toEqual([]);
    expect(slack.with).toMatchObject({ webhook: '${{ secrets.SLACK_WEBHOOK_URL }}', 'webhook-type': 'incoming-webhook' });
    expect(JSON.parse(String(slack.with?.payload).replace('${{ toJSON(steps.message.outputs.text) }}', '"x"'))).toEqual({ text: 'x' });
  });

  it('sends the webhook through the notify action with the derived result, never failing the release', () => {
    const webhook = step(notify, 'Webhook');
    expect(webhook.uses).toBe('./.inventory-devops/actions/notify');
    expect(webhook['continue-on-error']).toBe(true);
    expect(webhook.with).toMatchObject({ result: "${{ needs.deploy.outputs.result || 'failed' }}", 'webhook-secret': '${{ secrets.NOTIFY_WEBHOOK_SECRET }}' });
  });
});
